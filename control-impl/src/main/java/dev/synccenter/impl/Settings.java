package dev.synccenter.impl;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.impl.engine.EngineSettings;

/** Turns the typed configuration into checked engine settings: bad values are logged and defaulted. */
final class Settings {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    private Settings() {
    }

    static EngineSettings from(EngineConfig c) {
        EngineSettings d = EngineSettings.defaults();
        return new EngineSettings(
                (int) checked("pool.size", c.pool_size(), 1, 1024, d.poolSize()),
                (int) checked("concurrent.sessions", c.concurrent_sessions(), 1, 1024, d.concurrentSessions()),
                millis("cancel.grace.ms", c.cancel_grace_ms(), 1, 3_600_000, d.cancelGrace()),
                millis("park.timeout.ms", c.park_timeout_ms(), 1, 86_400_000, d.parkTimeout()),
                millis("session.timeout.ms", c.session_timeout_ms(), 0, Long.MAX_VALUE / 2, d.sessionTimeout()),
                millis("handler.call.timeout.ms", c.handler_call_timeout_ms(), 1, 600_000, d.callTimeout()),
                (int) checked("event.retention.count", c.event_retention_count(), 1, 10_000_000,
                        d.eventRetentionCount()),
                Duration.ofMinutes(checked("event.retention.minutes", c.event_retention_minutes(), 1, 525_600,
                        d.eventRetentionAge().toMinutes())),
                (int) checked("request.history", c.request_history(), 0, 1_000_000, d.requestHistory()));
    }

    private static Duration millis(String name, long value, long min, long max, Duration fallback) {
        return Duration.ofMillis(checked(name, value, min, max, fallback.toMillis()));
    }

    private static long checked(String name, long value, long min, long max, long fallback) {
        if (value < min || value > max) {
            LOG.warn("Configuration {}: {} is out of range {} to {}; using the default {}", name, value, min, max,
                    fallback);
            return fallback;
        }
        return value;
    }
}
