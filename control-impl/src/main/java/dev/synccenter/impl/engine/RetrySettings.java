package dev.synccenter.impl.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How transient failures are retried (C43): Android's SyncManager defaults, 30 s doubling up to 1 h
 * with up to 10 % jitter, and at most {@code maxAttempts} sessions per item of a request.
 *
 * @param initialDelay the backoff after the first transient failure in a row
 * @param factor what each further failure in a row multiplies the backoff by
 * @param maxDelay the longest backoff, jitter included
 * @param jitter up to this fraction is added to each backoff at random, so that items that failed
 *     together do not all come back together
 * @param maxAttempts sessions that may start an item of one request; 1 turns retries off
 */
public record RetrySettings(Duration initialDelay, double factor, Duration maxDelay, double jitter,
        int maxAttempts) {

    public static final RetrySettings DEFAULTS = new RetrySettings(Duration.ofSeconds(30), 2.0, Duration.ofHours(1),
            0.1, 5);

    public RetrySettings {
        if (initialDelay.isNegative() || maxDelay.isNegative() || factor < 1 || jitter < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("retry settings out of range: " + initialDelay + ", " + factor + ", "
                    + maxDelay + ", " + jitter + ", " + maxAttempts);
        }
    }

    /** The backoff after {@code failures} transient failures in a row (from 1), jitter included, capped. */
    Duration delayAfter(int failures) {
        double base = initialDelay.toMillis() * Math.pow(factor, Math.max(0, failures - 1));
        double jittered = base * (1 + ThreadLocalRandom.current().nextDouble() * jitter);
        return Duration.ofMillis((long) Math.min(maxDelay.toMillis(), jittered));
    }

    public RetrySettings withMaxAttempts(int value) {
        return new RetrySettings(initialDelay, factor, maxDelay, jitter, value);
    }

    public RetrySettings withInitialDelay(Duration value) {
        return new RetrySettings(value, factor, maxDelay, jitter, maxAttempts);
    }

    public RetrySettings withJitter(double value) {
        return new RetrySettings(initialDelay, factor, maxDelay, value, maxAttempts);
    }
}
