package dev.synccenter.standin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.audit.AuditTrail;

/**
 * For the distribution's tests only, never shipped: an {@link AuditTrail} that keeps the newest
 * 10,000 entries in memory and logs each one. It ranks lowest, so the store-backed trail of
 * control-impl, once there, serves instead. It stands in because the command endpoint refuses
 * every operator command while no audit trail exists (C51), and the distribution's tests start
 * syncs.
 */
@Component(property = "service.ranking:Integer=-1000")
public final class MemoryAuditTrail implements AuditTrail {

    private static final int KEPT = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(MemoryAuditTrail.class);

    private final Deque<AuditEntry> entries = new ArrayDeque<>();

    @Override
    public void record(AuditEntry entry) {
        synchronized (entries) {
            entries.addFirst(entry);
            if (entries.size() > KEPT) {
                entries.removeLast();
            }
        }
        LOG.info("Audit (stand-in, in memory): {}", entry);
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit: must be 1 to 10000, was " + limit);
        }
        synchronized (entries) {
            List<AuditEntry> newest = new ArrayList<>(Math.min(limit, entries.size()));
            for (AuditEntry e : entries) {
                if (newest.size() == limit) {
                    break;
                }
                newest.add(e);
            }
            return newest;
        }
    }
}
