package dev.synccenter.impl.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.SyncEvent;

/**
 * The platform's event store (C33): in memory, bounded by count and by age, oldest dropped first.
 * It has a lock of its own and calls nothing while holding it.
 */
public final class EventStore {

    private final ArrayDeque<SyncEvent> events = new ArrayDeque<>();
    private final IntSupplier maxCount;
    private final Supplier<Duration> maxAge;
    private final Clock clock;

    public EventStore(IntSupplier maxCount, Supplier<Duration> maxAge, Clock clock) {
        this.maxCount = maxCount;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public void add(SyncEvent event) {
        synchronized (events) {
            events.addLast(event);
            trim();
        }
    }

    /** Matching events, newest first. */
    public List<SyncEvent> list(EventFilter filter) {
        List<SyncEvent> out = new ArrayList<>();
        synchronized (events) {
            trim();
            Iterator<SyncEvent> newestFirst = events.descendingIterator();
            while (newestFirst.hasNext() && (filter.limit() <= 0 || out.size() < filter.limit())) {
                SyncEvent e = newestFirst.next();
                if (filter.matches(e)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    public int size() {
        synchronized (events) {
            return events.size();
        }
    }

    private void trim() {
        int max = Math.max(1, maxCount.getAsInt());
        while (events.size() > max) {
            events.removeFirst();
        }
        Instant oldest = clock.instant().minus(maxAge.get());
        while (!events.isEmpty() && events.peekFirst().time().isBefore(oldest)) {
            events.removeFirst();
        }
    }
}
