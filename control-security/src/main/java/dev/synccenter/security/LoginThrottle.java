package dev.synccenter.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing, per user name: the first {@code freeFailures} failures in a row
 * cost nothing; each further one locks the name for a delay that starts at one second and doubles,
 * up to {@code maxDelay}. While a name is locked every attempt is refused at once, even with the
 * right password, and without hashing (so a locked name also costs the machine nothing). A
 * success clears the count.
 *
 * <p>Names that do not exist are counted too, so that the answers do not tell which users exist.
 * The table keeps at most {@code maxTracked} names, dropping the one used longest ago: bounded
 * memory whatever names an attacker tries.
 */
final class LoginThrottle {

    private record Entry(int failures, Instant lockedUntil) {
    }

    private final int freeFailures;
    private final Duration maxDelay;
    private final Clock clock;
    private final Map<String, Entry> entries;

    LoginThrottle(int freeFailures, Duration maxDelay, int maxTracked, Clock clock) {
        this.freeFailures = freeFailures;
        this.maxDelay = maxDelay;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxTracked;
            }
        };
    }

    /** How much longer the name is locked, empty if it may try now. */
    synchronized Optional<Duration> locked(String user) {
        Entry e = entries.get(user);
        if (e == null || e.lockedUntil() == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), e.lockedUntil());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Counts a failure; returns the lock it caused, or zero while failures are still free. */
    synchronized Duration failed(String user) {
        Entry e = entries.getOrDefault(user, new Entry(0, null));
        int failures = e.failures() + 1;
        Duration delay = Duration.ZERO;
        if (failures > freeFailures) {
            int doublings = Math.min(failures - freeFailures - 1, 30);
            delay = Duration.ofSeconds(1L << doublings);
            if (delay.compareTo(maxDelay) > 0) {
                delay = maxDelay;
            }
        }
        entries.put(user, new Entry(failures, delay.isZero() ? null : clock.instant().plus(delay)));
        return delay;
    }

    synchronized void succeeded(String user) {
        entries.remove(user);
    }

    synchronized int failures(String user) {
        Entry e = entries.get(user);
        return e == null ? 0 : e.failures();
    }
}
