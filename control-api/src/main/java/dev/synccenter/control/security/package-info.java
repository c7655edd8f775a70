/**
 * Who may call the platform from outside its JVM (C48, C49): the {@link
 * dev.synccenter.control.security.Authenticator} service that every remote surface (HTTP API, web
 * console, command endpoint) asks, and the roles it answers with. The platform's own bundle
 * {@code control-security} provides it, and {@link dev.synccenter.control.security.CredentialAdmin},
 * which makes and revokes tokens and resets passwords; no surface accepts a caller without it.
 */
@Export
@Version("1.0.0")
package dev.synccenter.control.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
