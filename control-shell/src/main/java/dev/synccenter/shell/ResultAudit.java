package dev.synccenter.shell;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import dev.synccenter.control.SyncListener;
import dev.synccenter.control.SyncResult;

/**
 * Counts the results delivered per request, as a whiteboard listener sees them (C17, C34), so that
 * {@code sync:request} can show from the outside that a request got exactly one. It remembers the
 * most recent {@value #CAPACITY} request IDs.
 */
@Component(service = {SyncListener.class, ResultAudit.class})
public final class ResultAudit implements SyncListener {

    static final int CAPACITY = 100_000;

    private final Map<Long, Integer> delivered = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
            return size() > CAPACITY;
        }
    };

    @Override
    public void requestFinished(SyncResult result) {
        synchronized (delivered) {
            delivered.merge(result.requestId(), 1, Integer::sum);
        }
    }

    /** How many results were delivered for the request since the shell started. */
    int delivered(long requestId) {
        synchronized (delivered) {
            return delivered.getOrDefault(requestId, 0);
        }
    }
}
