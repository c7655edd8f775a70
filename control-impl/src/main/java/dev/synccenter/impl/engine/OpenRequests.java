package dev.synccenter.impl.engine;

import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The open requests by ID, in ID order (which is the order they were accepted in).
 *
 * <p>Two parallel arrays sorted by ID, rather than a map: with millions of requests queued a
 * linked hash map costs about 64 bytes per request (an entry, a boxed key, a slot), these arrays
 * 12 to 24 (C41). Requests open in almost increasing ID order, so a request is nearly always
 * appended; lookups are binary searches. A removed request leaves a hole that keeps its ID, so that
 * the IDs stay sorted; the holes are squeezed out once they are the majority.
 *
 * <p>Guarded by the engine's lock. Iteration fails fast if the table changes meanwhile.
 */
final class OpenRequests implements Iterable<Request> {

    private static final int COMPACT_FROM = 64;

    private long[] ids = new long[16];
    private Request[] requests = new Request[16];
    /** Slots in use, holes included. */
    private int end;
    private int live;
    private int changes;

    int size() {
        return live;
    }

    boolean isEmpty() {
        return live == 0;
    }

    /** Adds a request, or replaces the one with its ID. */
    void put(Request r) {
        changes++;
        if (end == 0 || r.id > ids[end - 1]) {
            grow();
            ids[end] = r.id;
            requests[end] = r;
            end++;
            live++;
            return;
        }
        int at = Arrays.binarySearch(ids, 0, end, r.id);
        if (at >= 0) {
            if (requests[at] == null) {
                live++;
            }
            requests[at] = r;
            return;
        }
        int insert = -at - 1; // opened out of ID order: rare, so shifting is fine
        grow();
        System.arraycopy(ids, insert, ids, insert + 1, end - insert);
        System.arraycopy(requests, insert, requests, insert + 1, end - insert);
        ids[insert] = r.id;
        requests[insert] = r;
        end++;
        live++;
    }

    Request get(long id) {
        int at = Arrays.binarySearch(ids, 0, end, id);
        return at >= 0 ? requests[at] : null;
    }

    /** Removes the request with this ID; answers it, or null if none was open. */
    Request remove(long id) {
        int at = Arrays.binarySearch(ids, 0, end, id);
        if (at < 0 || requests[at] == null) {
            return null;
        }
        changes++;
        Request removed = requests[at];
        requests[at] = null;
        live--;
        if (at == end - 1) {
            end--; // the newest request finished first: no hole
        } else if (end >= COMPACT_FROM && live < end / 2) {
            compact();
        }
        return removed;
    }

    void clear() {
        changes++;
        ids = new long[16];
        requests = new Request[16];
        end = 0;
        live = 0;
    }

    @Override
    public Iterator<Request> iterator() {
        return new Iterator<>() {
            private final int expected = changes;
            private int next = skipHoles(0);

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public Request next() {
                if (changes != expected) {
                    throw new ConcurrentModificationException("the open requests changed while they were listed");
                }
                if (next >= end) {
                    throw new NoSuchElementException();
                }
                Request r = requests[next];
                next = skipHoles(next + 1);
                return r;
            }
        };
    }

    private int skipHoles(int from) {
        int i = from;
        while (i < end && requests[i] == null) {
            i++;
        }
        return i;
    }

    private void grow() {
        if (end == ids.length) {
            int capacity = ids.length + (ids.length >> 1);
            ids = Arrays.copyOf(ids, capacity);
            requests = Arrays.copyOf(requests, capacity);
        }
    }

    /** Squeezes the holes out, and gives back memory a drained queue no longer needs. */
    private void compact() {
        int to = 0;
        for (int from = 0; from < end; from++) {
            if (requests[from] != null) {
                ids[to] = ids[from];
                requests[to] = requests[from];
                to++;
            }
        }
        Arrays.fill(requests, to, end, null);
        end = to;
        int capacity = Math.max(16, to * 2);
        if (capacity < ids.length / 2) {
            ids = Arrays.copyOf(ids, capacity);
            requests = Arrays.copyOf(requests, capacity);
        }
    }
}
