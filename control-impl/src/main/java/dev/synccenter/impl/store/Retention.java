package dev.synccenter.impl.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How much history the store keeps (C39): at most so many results and events, none older than
 * the given ages, and at most so many events of any one handler (C41: a chatty handler cannot push
 * out everyone else's events). Age counts from a result's finish time and an event's time.
 */
public record Retention(int maxResults, Duration maxResultAge, int maxEvents, Duration maxEventAge,
        int maxEventsPerHandler) {

    /** No bound per handler beyond the global one. */
    public Retention(int maxResults, Duration maxResultAge, int maxEvents, Duration maxEventAge) {
        this(maxResults, maxResultAge, maxEvents, maxEventAge, Integer.MAX_VALUE);
    }

    public Retention {
        if (maxEventsPerHandler < 0) {
            throw new IllegalArgumentException("maxEventsPerHandler must not be negative: " + maxEventsPerHandler);
        }
        if (maxResults < 0 || maxEvents < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + maxResults + ", " + maxEvents);
        }
        Objects.requireNonNull(maxResultAge, "maxResultAge");
        Objects.requireNonNull(maxEventAge, "maxEventAge");
        if (maxResultAge.isNegative() || maxEventAge.isNegative()) {
            throw new IllegalArgumentException("ages must not be negative: " + maxResultAge + ", " + maxEventAge);
        }
    }
}
