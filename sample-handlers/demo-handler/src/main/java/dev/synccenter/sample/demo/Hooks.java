package dev.synccenter.sample.demo;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;

/**
 * The test hooks a start call's context may carry (see {@link DemoHandler}). Only {@code java.*}
 * types, so a test bundle can hand them over without sharing a package with this bundle. Values of
 * the wrong type are ignored.
 *
 * @param entered counted down when {@code synchronize} is entered, or null
 * @param gate awaited before each item is finished, or null
 * @param seen told {@code "<version>:<requestId>:<itemId>"} for each finished item, or null
 */
record Hooks(CountDownLatch entered, CountDownLatch gate, Queue<String> seen) {

    static final String ENTERED = "entered";
    static final String GATE = "gate";
    static final String SEEN = "seen";

    private static final Hooks NONE = new Hooks(null, null, null);

    @SuppressWarnings("unchecked")
    static Hooks from(Object context) {
        if (!(context instanceof Map<?, ?> map)) {
            return NONE;
        }
        Object entered = map.get(ENTERED);
        Object gate = map.get(GATE);
        Object seen = map.get(SEEN);
        return new Hooks(entered instanceof CountDownLatch l ? l : null, gate instanceof CountDownLatch l ? l : null,
                seen instanceof Queue<?> q ? (Queue<String>) q : null);
    }

    void signalEntered() {
        if (entered != null) {
            entered.countDown();
        }
    }

    void recordSeen(String record) {
        if (seen != null) {
            seen.add(record);
        }
    }
}
