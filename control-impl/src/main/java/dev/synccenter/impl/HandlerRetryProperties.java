package dev.synccenter.impl;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.osgi.framework.ServiceReference;

import dev.synccenter.config.RawConfig;
import dev.synccenter.impl.engine.RetryOverrides;

/**
 * Reads how a handler's service wants its items retried (C43), from its service properties: a
 * handler component sets them like any component property. A bad value is logged with its key and
 * the service, and the engine's setting is used for it; nothing else changes.
 *
 * <pre>
 * sync.retry.initial.seconds   backoff after the first transient failure, 0 to 86400
 * sync.retry.factor            multiplier for each further failure in a row, 1 to 100
 * sync.retry.max.seconds       the longest backoff, 0 to 604800
 * sync.retry.jitter.percent    up to this much is added at random, 0 to 100
 * sync.retry.max.attempts      sessions per item of a request; 1 turns retries off, 1 to 1000
 * </pre>
 */
final class HandlerRetryProperties {

    static final String PREFIX = "sync.retry.";
        private HandlerRetryProperties() {
    }

    static RetryOverrides read(ServiceReference<?> reference, String service, Consumer<String> warn) {
        Map<String, Object> properties = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            if (key.startsWith(PREFIX)) {
                properties.put(key.substring(PREFIX.length()), reference.getProperty(key));
            }
        }
        return properties.isEmpty() ? RetryOverrides.NONE : read(properties, service, warn);
    }

    /** @param properties the values without the {@value #PREFIX} prefix */
    static RetryOverrides read(Map<String, ?> properties, String service, Consumer<String> warn) {
        Long initial = number(properties, "initial.seconds", 0, 86_400, service, warn);
        Long factor = number(properties, "factor", 1, 100, service, warn);
        Long max = number(properties, "max.seconds", 0, 7 * 86_400, service, warn);
        Long jitter = number(properties, "jitter.percent", 0, 100, service, warn);
        Long attempts = number(properties, "max.attempts", 1, 1_000, service, warn);
        return new RetryOverrides(initial == null ? null : Duration.ofSeconds(initial),
                factor == null ? null : factor.intValue(), max == null ? null : Duration.ofSeconds(max),
                jitter == null ? null : jitter.intValue(), attempts == null ? null : attempts.intValue());
    }

    private static Long number(Map<String, ?> properties, String key, long min, long max, String service,
            Consumer<String> warn) {
        Object raw = properties.get(key);
        if (raw == null) {
            return null;
        }
        Long value = RawConfig.parse(raw);
        if (value == null || value < min || value > max) {
            warn.accept("The " + service + " sets " + PREFIX + key + "=" + raw + ", not a whole number from " + min
                    + " to " + max + "; the engine's setting is used for it (C43)");
            return null;
        }
        return value;
    }
}
