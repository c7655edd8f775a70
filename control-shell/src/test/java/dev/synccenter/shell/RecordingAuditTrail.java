package dev.synccenter.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.audit.AuditTrail;
import dev.synccenter.control.audit.AuditUnavailableException;

/**
 * An audit trail in memory, for the endpoint's tests: the store-backed one lives in control-impl
 * and is not part of this module's test class path. It can be told to fail, as a store that is
 * down would, and runs a check at each record (to see what had happened before it).
 */
final class RecordingAuditTrail implements AuditTrail {

    final List<AuditEntry> entries = new CopyOnWriteArrayList<>();
    volatile boolean down;
    volatile Consumer<AuditEntry> atRecord = e -> { };

    @Override
    public void record(AuditEntry entry) {
        if (down) {
            throw new AuditUnavailableException("the store is failing since 10:00: disk full", null);
        }
        atRecord.accept(entry);
        entries.add(entry);
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        List<AuditEntry> newest = new ArrayList<>(entries);
        java.util.Collections.reverse(newest);
        return newest.subList(0, Math.min(limit, newest.size()));
    }
}
