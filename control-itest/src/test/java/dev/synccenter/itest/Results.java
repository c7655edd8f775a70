package dev.synccenter.itest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.synccenter.control.SyncResult;
import dev.synccenter.control.SyncResultListener;

/** A result listener that keeps every result it is told, per request ID (C17: there must be one). */
final class Results implements SyncResultListener {

    private final Map<Long, List<SyncResult>> byRequest = new ConcurrentHashMap<>();

    @Override
    public void result(SyncResult result) {
        byRequest.computeIfAbsent(result.requestId(), id -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(result);
    }

    /** How many times the listener was told about the request. */
    int count(long requestId) {
        List<SyncResult> list = byRequest.get(requestId);
        return list == null ? 0 : list.size();
    }

    /** The first result told for the request, or null. */
    SyncResult first(long requestId) {
        List<SyncResult> list = byRequest.get(requestId);
        synchronized (list == null ? this : list) {
            return list == null || list.isEmpty() ? null : list.get(0);
        }
    }

    /** Request IDs told more than once, with their counts. */
    Map<Long, Integer> duplicates() {
        Map<Long, Integer> out = new java.util.TreeMap<>();
        byRequest.forEach((id, list) -> {
            if (list.size() > 1) {
                out.put(id, list.size());
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return byRequest.toString();
    }
}
