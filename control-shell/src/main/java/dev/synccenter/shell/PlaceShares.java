package dev.synccenter.shell;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many of the endpoint's places each caller holds, so that one token cannot take them all:
 * a viewer running {@code follow} on requests that never end would otherwise keep every other
 * client out until {@code command.timeout.ms} (C49, C50). Safe from any thread.
 */
final class PlaceShares {

    private final int perCaller;
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    PlaceShares(int perCaller) {
        this.perCaller = perCaller;
    }

    int perCaller() {
        return perCaller;
    }

    /** Takes one of the caller's places; false (and nothing taken) when it holds its share already. */
    boolean take(String caller) {
        boolean[] taken = new boolean[1];
        held.compute(caller, (k, n) -> {
            int now = n == null ? 0 : n;
            taken[0] = now < perCaller;
            return taken[0] ? now + 1 : now;
        });
        return taken[0];
    }

    /** Gives one of the caller's places back. */
    void give(String caller) {
        held.computeIfPresent(caller, (k, n) -> n <= 1 ? null : n - 1);
    }

    int held(String caller) {
        return held.getOrDefault(caller, 0);
    }
}
