package dev.synccenter.impl.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.synccenter.control.SyncResult;
import dev.synccenter.control.SyncResultListener;

/** A result listener that records every call, to check that each request gets exactly one (C17). */
final class Results implements SyncResultListener {

    final List<SyncResult> all = new CopyOnWriteArrayList<>();
    final Map<Long, Integer> perRequest = new ConcurrentHashMap<>();

    @Override
    public void result(SyncResult result) {
        all.add(result);
        perRequest.merge(result.requestId(), 1, Integer::sum);
    }

    SyncResult of(long requestId) {
        return all.stream().filter(r -> r.requestId() == requestId).findFirst().orElse(null);
    }
}
