package dev.synccenter.impl;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.config.RawConfig;
import dev.synccenter.impl.engine.EngineSettings;
import dev.synccenter.impl.engine.RetrySettings;

/**
 * Turns the engine's raw configuration properties into checked engine settings. The component
 * converts them here rather than through its typed configuration ({@link EngineConfig}, kept for
 * the metatype documentation): DS fails the component's activation when it cannot convert a value
 * such as {@code pool.size=abc}, and a bad value must never take the engine away. A value that is
 * not a whole number, or is out of range, is logged with its key and the file it came from, and
 * its default is used ({@link RawConfig}); this class knows the keys and their ranges.
 */
final class Settings {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    private Settings() {
    }

    static EngineSettings from(Map<String, ?> properties) {
        return from(properties, LOG::warn);
    }

    /** @param warn receives one line per bad value */
    static EngineSettings from(Map<String, ?> properties, Consumer<String> warn) {
        RawConfig s = new RawConfig(properties, SyncCenterComponent.PID, warn);
        EngineSettings d = EngineSettings.defaults();
        return new EngineSettings(
                s.number("pool.size", 1, 1024, d.poolSize()),
                s.number("concurrent.sessions", 1, 1024, d.concurrentSessions()),
                millis(s, "cancel.grace.ms", 1, 3_600_000, d.cancelGrace()),
                millis(s, "park.timeout.ms", 1, 86_400_000, d.parkTimeout()),
                millis(s, "session.timeout.ms", 0, Long.MAX_VALUE / 2, d.sessionTimeout()),
                millis(s, "handler.call.timeout.ms", 1, 600_000, d.callTimeout()),
                s.number("event.retention.count", 1, 10_000_000, d.eventRetentionCount()),
                Duration.ofMinutes(s.wholeNumber("event.retention.minutes", 1, 525_600,
                        d.eventRetentionAge().toMinutes())),
                s.number("request.history", 0, 1_000_000, d.requestHistory()),
                s.number("queue.max", 1, 100_000_000, d.maxOpenRequests()),
                s.number("event.retention.per.handler", 1, 10_000_000, d.eventRetentionPerHandler()),
                s.number("events.per.session", 1, 10_000_000, d.eventsPerSession()),
                retry(s, d.retry()));
    }

    /** C43: the retry defaults; a handler's service properties may say otherwise for its items. */
    private static RetrySettings retry(RawConfig s, RetrySettings d) {
        Duration initial = Duration.ofSeconds(s.wholeNumber("retry.initial.seconds", 0, 86_400,
                d.initialDelay().toSeconds()));
        Duration max = Duration.ofSeconds(s.wholeNumber("retry.max.seconds", 0, 7 * 86_400, d.maxDelay().toSeconds()));
        int factor = s.number("retry.factor", 1, 100, (int) d.factor());
        int jitterPercent = s.number("retry.jitter.percent", 0, 100, (int) Math.round(d.jitter() * 100));
        int attempts = s.number("retry.max.attempts", 1, 1_000, d.maxAttempts());
        return new RetrySettings(initial, factor, max, jitterPercent / 100.0, attempts);
    }

    /** Where the configuration came from, for log lines: its file, or its PID when it has none. */
    static String source(Map<String, ?> properties) {
        return RawConfig.source(properties, SyncCenterComponent.PID);
    }

    private static Duration millis(RawConfig s, String key, long min, long max, Duration fallback) {
        return Duration.ofMillis(s.wholeNumber(key, min, max, fallback.toMillis()));
    }
}
