package dev.synccenter.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The engine's configuration, PID {@code dev.synccenter.engine}, as metatype documents it. The
 * component reads the raw properties instead ({@link Settings}), so that a value that is not a
 * number, like one out of range, is logged and replaced by its default rather than failing the
 * component. Changes take effect without restarting the engine.
 */
@ObjectClassDefinition(name = "Sync Center engine",
        description = "Tunables of the sync engine.")
public @interface EngineConfig {

    @AttributeDefinition(description = "Sessions of all handlers that may run at once (C9). 1 to 1024.")
    int pool_size() default 4;

    @AttributeDefinition(description = "Sessions of one handler that may run at once, for handlers that "
            + "declare SUPPORTS_CONCURRENT_SESSIONS (C9). 1 to 1024.")
    int concurrent_sessions() default 4;

    @AttributeDefinition(description = "Milliseconds a session asked to cancel may take before it is "
            + "abandoned (C22). 1 to 3600000.")
    long cancel_grace_ms() default 5_000;

    @AttributeDefinition(description = "Milliseconds requests wait for a handler that went away (C26). "
            + "1 to 86400000.")
    long park_timeout_ms() default 60_000;

    @AttributeDefinition(description = "Milliseconds a session may run before it is cancelled; 0 for no "
            + "limit (C22).")
    long session_timeout_ms() default 0;

    @AttributeDefinition(description = "Milliseconds each call into a handler other than synchronize may "
            + "take (metadata getters, enable, activate). 1 to 600000.")
    long handler_call_timeout_ms() default 5_000;

    @AttributeDefinition(description = "Events kept at most (C33). 1 to 10000000.")
    int event_retention_count() default 10_000;

    @AttributeDefinition(description = "Minutes events are kept (C33). 1 to 525600.")
    long event_retention_minutes() default 1_440;

    @AttributeDefinition(description = "Finished requests kept for look-up by ID. 0 to 1000000.")
    int request_history() default 1_000;

    @AttributeDefinition(description = "Open (queued, parked or running) requests held at most; a start call "
            + "past it is refused with QUEUE_FULL (C41). Default 10000000, less on a heap under 4 GB (about 200 "
            + "bytes each, half the heap at most). 1 to 100000000.")
    int queue_max() default 10_000_000;

    @AttributeDefinition(description = "Events kept at most of any one handler (C41). 1 to 10000000.")
    int event_retention_per_handler() default 1_000;

    @AttributeDefinition(description = "Events one session may report; past it, reporting is refused (C41). "
            + "1 to 10000000.")
    int events_per_session() default 10_000;

    @AttributeDefinition(description = "Backoff after an item's first transient failure, in seconds (C43). "
            + "0 to 86400.")
    long retry_initial_seconds() default 30;

    @AttributeDefinition(description = "What each further transient failure in a row multiplies the backoff by "
            + "(C43). 1 to 100.")
    int retry_factor() default 2;

    @AttributeDefinition(description = "The longest backoff, in seconds (C43). 0 to 604800.")
    long retry_max_seconds() default 3_600;

    @AttributeDefinition(description = "Up to this percentage is added to each backoff at random (C43). 0 to 100.")
    int retry_jitter_percent() default 10;

    @AttributeDefinition(description = "Sessions that may start an item of one request; 1 turns retries off "
            + "(C43). 1 to 1000.")
    int retry_max_attempts() default 5;
}
