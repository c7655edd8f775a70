package dev.synccenter.control.audit;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The store's record of state-changing calls (C51), provided by the control implementation. A
 * surface records a call <em>before</em> it acts on it; when the record cannot be stored the
 * surface refuses the call (the store is down: nothing would be stored by the call either, C40).
 */
@ProviderType
public interface AuditTrail {

    /** The longest text any field of an entry keeps; longer text is cut and marked. */
    int MAX_FIELD_LENGTH = 1024;

    /**
     * Stores an entry and returns once it is stored.
     *
     * @throws AuditUnavailableException when the store could not store it
     */
    void record(AuditEntry entry);

    /** The newest entries first, at most {@code limit} (1 to 10,000). */
    List<AuditEntry> recent(int limit);
}
