/**
 * The Apache Felix Web Console behind the platform's own credentials (C48 to C51): a security
 * provider that replaces its admin/admin login, and a page for Sync Center.
 */
package dev.synccenter.webconsole;
