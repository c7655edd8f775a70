package dev.synccenter.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.audit.AuditTrail;
import dev.synccenter.control.audit.AuditUnavailableException;

/** Test fixture: an audit trail in memory, that can be made to fail, and that runs a check at each record. */
final class RecordingAuditTrail implements AuditTrail {

    final List<AuditEntry> entries = new ArrayList<>();
    volatile boolean failing;
    volatile Consumer<AuditEntry> atRecord = e -> { };

    @Override
    public synchronized void record(AuditEntry entry) {
        if (failing) {
            throw new AuditUnavailableException("store down (test)", null);
        }
        atRecord.accept(entry);
        entries.add(entry);
    }

    @Override
    public synchronized List<AuditEntry> recent(int limit) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - limit), entries.size()));
    }
}
