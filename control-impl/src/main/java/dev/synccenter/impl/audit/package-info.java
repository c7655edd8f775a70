/**
 * The audit trail service (C51): state-changing calls of the remote surfaces, stored in the
 * platform's store before they take effect.
 */
package dev.synccenter.impl.audit;
