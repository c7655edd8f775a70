package dev.synccenter.impl.engine;

import java.time.Duration;

/**
 * What a handler's service says of its own retries (C43), over the engine's settings: each value
 * null where the handler says nothing.
 */
public record RetryOverrides(Duration initialDelay, Integer factor, Duration maxDelay, Integer jitterPercent,
        Integer maxAttempts) {

    /** No word from the handler. */
    public static final RetryOverrides NONE = new RetryOverrides(null, null, null, null, null);

    RetrySettings over(RetrySettings defaults) {
        return new RetrySettings(initialDelay != null ? initialDelay : defaults.initialDelay(),
                factor != null ? factor : defaults.factor(), maxDelay != null ? maxDelay : defaults.maxDelay(),
                jitterPercent != null ? jitterPercent / 100.0 : defaults.jitter(),
                maxAttempts != null ? maxAttempts : defaults.maxAttempts());
    }
}
