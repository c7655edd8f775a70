package dev.synccenter.impl.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.synccenter.control.ItemProgress;

/**
 * What a request knows once a session took up one of its items: when, which bundles served it,
 * the session item each unfinished item waits on, each item's last progress and attempts. A part
 * of its own, made at the first start, so that a queued request does not carry it (C41). Guarded
 * by the engine's lock.
 */
final class RequestRun {

    Instant startedAt;
    /** The bundle (symbolic name and version) of each service whose session synced an item of it. */
    String servedBy;
    /** The last progress of each item that ended in a session, for consoles; created when first needed. */
    private Map<String, ItemProgress> lastProgress;
    /** The live session item each unfinished item waits on; created when first needed. */
    private Map<String, SessionItem> running;
    /** Sessions that started each item, counted from 1; created when first needed. */
    private Map<String, Integer> attempts;
    /** The backoff each item that failed transiently waits in (C43); created when first needed. */
    private Map<String, Backoff> waiting;

    void servedBy(String bundle) {
        if (servedBy == null) {
            servedBy = bundle;
        } else if (!servedBy.equals(bundle) && !(", " + servedBy + ",").contains(", " + bundle + ",")) {
            servedBy = servedBy + ", " + bundle; // served by two versions: a swap during the request (C27)
        }
    }

    int nextAttempt(String itemId) {
        if (attempts == null) {
            attempts = new HashMap<>(4);
        }
        return attempts.merge(itemId, 1, Integer::sum);
    }

    void attemptsBefore(String itemId, int count) {
        if (attempts == null) {
            attempts = new HashMap<>(4);
        }
        attempts.put(itemId, count);
    }

    int attempts(String itemId) {
        return attempts == null ? 0 : attempts.getOrDefault(itemId, 0);
    }

    /** Each item's attempts so far, for the result (C43); empty when none ran. */
    Map<String, Integer> attempts() {
        return attempts == null ? Map.of() : attempts;
    }

    /** The backoff an item waits in for its next attempt (C43); null clears it. */
    void waitFor(String itemId, Backoff backoff) {
        if (backoff == null) {
            if (waiting != null) {
                waiting.remove(itemId);
            }
            return;
        }
        if (waiting == null) {
            waiting = new HashMap<>(2);
        }
        waiting.put(itemId, backoff);
    }

    Map<String, Backoff> waiting() {
        return waiting == null ? Map.of() : waiting;
    }

    void running(String itemId, SessionItem item) {
        if (running == null) {
            running = new HashMap<>(4);
        }
        running.put(itemId, item);
    }

    SessionItem runningItem(String itemId) {
        return running == null ? null : running.get(itemId);
    }

    void notRunning(String itemId) {
        if (running != null) {
            running.remove(itemId);
        }
    }

    boolean anyRunning() {
        return running != null && !running.isEmpty();
    }

    void lastProgress(String itemId, ItemProgress progress) {
        if (lastProgress == null) {
            lastProgress = new HashMap<>(4);
        }
        lastProgress.put(itemId, progress);
    }

    ItemProgress lastProgress(String itemId) {
        return lastProgress == null ? null : lastProgress.get(itemId);
    }
}
