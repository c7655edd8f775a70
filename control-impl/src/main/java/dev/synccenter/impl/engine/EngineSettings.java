package dev.synccenter.impl.engine;

import java.time.Duration;

/**
 * The engine's tunables, already checked. The engine reads them where they are used, so a new
 * configuration takes effect without restarting anything.
 *
 * @param poolSize sessions of all handlers that may run at once (C9)
 * @param concurrentSessions sessions of one handler that may run at once when it declares
 *     SUPPORTS_CONCURRENT_SESSIONS (C9)
 * @param cancelGrace how long a session asked to cancel may take before it is abandoned (C22)
 * @param parkTimeout how long requests wait for a handler that went away (C26)
 * @param sessionTimeout how long a session may run before it is cancelled; zero for no limit (C22)
 * @param callTimeout deadline of every other call into a handler (getters, enable, activate)
 * @param eventRetentionCount events kept at most (C33)
 * @param eventRetentionAge events older than this are dropped (C33)
 * @param requestHistory finished requests kept for {@code request(id)}
 */
public record EngineSettings(int poolSize, int concurrentSessions, Duration cancelGrace, Duration parkTimeout,
        Duration sessionTimeout, Duration callTimeout, int eventRetentionCount, Duration eventRetentionAge,
        int requestHistory) {

    public static EngineSettings defaults() {
        return new EngineSettings(4, 4, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ZERO,
                Duration.ofSeconds(5), 10_000, Duration.ofHours(24), 1_000);
    }

    public EngineSettings withPoolSize(int value) {
        return new EngineSettings(value, concurrentSessions, cancelGrace, parkTimeout, sessionTimeout, callTimeout,
                eventRetentionCount, eventRetentionAge, requestHistory);
    }

    public EngineSettings withConcurrentSessions(int value) {
        return new EngineSettings(poolSize, value, cancelGrace, parkTimeout, sessionTimeout, callTimeout,
                eventRetentionCount, eventRetentionAge, requestHistory);
    }

    public EngineSettings withCancelGrace(Duration value) {
        return new EngineSettings(poolSize, concurrentSessions, value, parkTimeout, sessionTimeout, callTimeout,
                eventRetentionCount, eventRetentionAge, requestHistory);
    }

    public EngineSettings withParkTimeout(Duration value) {
        return new EngineSettings(poolSize, concurrentSessions, cancelGrace, value, sessionTimeout, callTimeout,
                eventRetentionCount, eventRetentionAge, requestHistory);
    }

    public EngineSettings withSessionTimeout(Duration value) {
        return new EngineSettings(poolSize, concurrentSessions, cancelGrace, parkTimeout, value, callTimeout,
                eventRetentionCount, eventRetentionAge, requestHistory);
    }

    public EngineSettings withCallTimeout(Duration value) {
        return new EngineSettings(poolSize, concurrentSessions, cancelGrace, parkTimeout, sessionTimeout, value,
                eventRetentionCount, eventRetentionAge, requestHistory);
    }

    public EngineSettings withEventRetentionCount(int value) {
        return new EngineSettings(poolSize, concurrentSessions, cancelGrace, parkTimeout, sessionTimeout,
                callTimeout, value, eventRetentionAge, requestHistory);
    }
}
