package dev.synccenter.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The last events of the stream, kept so that a client that reconnects with {@code Last-Event-ID}
 * gets what it missed. Event IDs are {@code <epoch>-<sequence>}: the epoch changes at every start
 * of the component, so an ID from before a restart is recognised as such instead of being taken for
 * a recent one. Not thread-safe: {@link EventFeed} guards it.
 */
final class EventRing {

    /** One stream event, as written on the wire. */
    record Entry(long seq, String type, String handlerId, String frame) {
    }

    /** What a resuming client gets: the events after its ID, or why it cannot resume. */
    record Resume(List<Entry> missed, String reset) {
    }

    private final String epoch;
    private final Entry[] ring;
    private long next = 1;

    EventRing(String epoch, int capacity) {
        this.epoch = epoch;
        this.ring = new Entry[capacity];
    }

    int capacity() {
        return ring.length;
    }

    Entry append(String type, String handlerId, String json) {
        long seq = next++;
        String frame = "id: " + epoch + "-" + seq + "\nevent: " + type + "\ndata: " + json + "\n\n";
        Entry e = new Entry(seq, type, handlerId, frame);
        ring[(int) (seq % ring.length)] = e;
        return e;
    }

    /** The sequence of the oldest event still kept. */
    private long oldest() {
        return Math.max(1, next - ring.length);
    }

    /**
     * The events after {@code lastEventId}; a reset when the ID is from another epoch (a restart),
     * older than the ring keeps, or not one this stream gave.
     */
    Resume after(String lastEventId) {
        int dash = lastEventId.lastIndexOf('-');
        long seq;
        try {
            seq = dash < 0 ? -1 : Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException e) {
            seq = -1;
        }
        if (dash < 0 || seq < 0 || !lastEventId.substring(0, dash).equals(epoch)) {
            return new Resume(List.of(), "event ID " + Text.clean(lastEventId)
                    + " is not from this run of the platform; read the current state and go on from here");
        }
        if (seq >= next) {
            return new Resume(List.of(), "event ID " + Text.clean(lastEventId) + " was never sent");
        }
        if (seq + 1 < oldest()) {
            return new Resume(List.of(), "event ID " + Text.clean(lastEventId) + " is too old: the stream keeps its last "
                    + ring.length + " events; read the current state and go on from here");
        }
        List<Entry> missed = new ArrayList<>();
        for (long s = seq + 1; s < next; s++) {
            missed.add(ring[(int) (s % ring.length)]);
        }
        return new Resume(missed, null);
    }
}
