package dev.synccenter.impl.engine;

import java.time.Duration;
import java.util.function.Consumer;

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
 * @param maxOpenRequests open (queued, parked or running) requests the engine holds at most; a start
 *     call past it is refused with QUEUE_FULL (C41)
 * @param eventRetentionPerHandler events kept at most of any one handler (C41)
 * @param eventsPerSession events one session may report; past it, reporting is refused (C41)
 * @param retry how transient failures are retried, unless a handler's service says otherwise (C43)
 */
public record EngineSettings(int poolSize, int concurrentSessions, Duration cancelGrace, Duration parkTimeout,
        Duration sessionTimeout, Duration callTimeout, int eventRetentionCount, Duration eventRetentionAge,
        int requestHistory, int maxOpenRequests, int eventRetentionPerHandler, int eventsPerSession,
        RetrySettings retry) {

    public static EngineSettings defaults() {
        return new EngineSettings(4, 4, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ZERO,
                Duration.ofSeconds(5), 10_000, Duration.ofHours(24), 1_000, defaultMaxOpenRequests(), 1_000, 10_000,
                RetrySettings.DEFAULTS);
    }

    /**
     * 10,000,000 open requests, or fewer on a small heap: a queued request takes about 170 bytes
     * (BENCHMARKS.md), and the bound leaves at least half the heap to everything else (C41).
     */
    public static int defaultMaxOpenRequests() {
        long fitting = Runtime.getRuntime().maxMemory() / 2 / BYTES_PER_OPEN_REQUEST;
        return (int) Math.max(10_000, Math.min(10_000_000, fitting));
    }

    /** What an open request may cost in heap, with room to spare: measured 161 to 169 bytes. */
    static final int BYTES_PER_OPEN_REQUEST = 200;

    // The withers serve tests and benchmarks: each changes one value and keeps the others.

    public EngineSettings withPoolSize(int value) {
        return with(b -> b.poolSize = value);
    }

    public EngineSettings withConcurrentSessions(int value) {
        return with(b -> b.concurrentSessions = value);
    }

    public EngineSettings withCancelGrace(Duration value) {
        return with(b -> b.cancelGrace = value);
    }

    public EngineSettings withParkTimeout(Duration value) {
        return with(b -> b.parkTimeout = value);
    }

    public EngineSettings withSessionTimeout(Duration value) {
        return with(b -> b.sessionTimeout = value);
    }

    public EngineSettings withCallTimeout(Duration value) {
        return with(b -> b.callTimeout = value);
    }

    public EngineSettings withEventRetentionCount(int value) {
        return with(b -> b.eventRetentionCount = value);
    }

    public EngineSettings withEventRetentionAge(Duration value) {
        return with(b -> b.eventRetentionAge = value);
    }

    public EngineSettings withRequestHistory(int value) {
        return with(b -> b.requestHistory = value);
    }

    public EngineSettings withMaxOpenRequests(int value) {
        return with(b -> b.maxOpenRequests = value);
    }

    public EngineSettings withEventRetentionPerHandler(int value) {
        return with(b -> b.eventRetentionPerHandler = value);
    }

    public EngineSettings withEventsPerSession(int value) {
        return with(b -> b.eventsPerSession = value);
    }

    public EngineSettings withRetry(RetrySettings value) {
        return with(b -> b.retry = value);
    }

    private EngineSettings with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return new EngineSettings(b.poolSize, b.concurrentSessions, b.cancelGrace, b.parkTimeout, b.sessionTimeout,
                b.callTimeout, b.eventRetentionCount, b.eventRetentionAge, b.requestHistory, b.maxOpenRequests,
                b.eventRetentionPerHandler, b.eventsPerSession, b.retry);
    }

    /** A mutable copy, so that each wither names only the value it changes. */
    private static final class Builder {
        int poolSize;
        int concurrentSessions;
        Duration cancelGrace;
        Duration parkTimeout;
        Duration sessionTimeout;
        Duration callTimeout;
        int eventRetentionCount;
        Duration eventRetentionAge;
        int requestHistory;
        int maxOpenRequests;
        int eventRetentionPerHandler;
        int eventsPerSession;
        RetrySettings retry;

        Builder(EngineSettings s) {
            poolSize = s.poolSize;
            concurrentSessions = s.concurrentSessions;
            cancelGrace = s.cancelGrace;
            parkTimeout = s.parkTimeout;
            sessionTimeout = s.sessionTimeout;
            callTimeout = s.callTimeout;
            eventRetentionCount = s.eventRetentionCount;
            eventRetentionAge = s.eventRetentionAge;
            requestHistory = s.requestHistory;
            maxOpenRequests = s.maxOpenRequests;
            eventRetentionPerHandler = s.eventRetentionPerHandler;
            eventsPerSession = s.eventsPerSession;
            retry = s.retry;
        }
    }
}
