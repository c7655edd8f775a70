package dev.synccenter.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.synccenter.http.EventRing.Entry;
import dev.synccenter.http.EventRing.Resume;

/**
 * The stream's events and its clients. Publishing appends to the {@link EventRing} and offers the
 * frame to every client whose filter matches, under one lock, so that a client that subscribes
 * (getting what it missed from the ring) never misses or repeats an event. Offering only queues;
 * writes run on the feed's one pump thread or the container's (see {@link SseClient}), so the
 * control service's listener thread is never held up by a client (C19). A keep-alive comment goes
 * to every idle client at a fixed interval, which also finds clients that went away.
 */
final class EventFeed {

    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    static final String KEEP_ALIVE = ": keep-alive\n\n";

    private final Object lock = new Object();
    // @GuardedBy("lock")
    private final EventRing ring;
    /** Who a stream is for: the caller's name, and whether its credential is still good. */
    record Owner(String name, BooleanSupplier valid) {
    }

    // @GuardedBy("lock")
    private final Map<SseClient, Owner> clients = new LinkedHashMap<>();
    private final int maxClients;
    private final int maxPerCaller;
    private final ExecutorService pump;
    private final ScheduledExecutorService timer;

    EventFeed(String epoch, int history, int maxClients, int maxPerCaller, int keepAliveSeconds) {
        this.ring = new EventRing(epoch, history);
        this.maxClients = maxClients;
        this.maxPerCaller = maxPerCaller;
        this.pump = Executors.newSingleThreadExecutor(r -> daemon(r, "synccenter-http stream writer"));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "synccenter-http stream keep-alive"));
        timer.scheduleWithFixedDelay(this::keepAlive, keepAliveSeconds, keepAliveSeconds, TimeUnit.SECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    ExecutorService pump() {
        return pump;
    }

    int history() {
        return ring.capacity();
    }

    void publish(String type, String handlerId, JsonNode data) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            LOG.error("Stream event {} could not be written as JSON", type, e);
            return;
        }
        synchronized (lock) {
            Entry e = ring.append(type, handlerId, json);
            for (SseClient c : List.copyOf(clients.keySet())) {
                if (c.filter().matches(e)) {
                    c.offer(e.frame());
                }
            }
        }
    }

    /**
     * Adds a client, first queueing what it missed since {@code lastEventId} (or a {@code reset}
     * event when that cannot be told). Refused when there are {@code maxClients} already, or
     * {@code maxPerCaller} of this caller's (C49: so that one viewer's token cannot take every place).
     *
     * @param owner the caller (token or user) the stream is for; the keep-alive ends the stream once
     *              its credential is no longer good (a revoked token, an ended session)
     * @param reset makes the data of a reset event from its reason
     * @return null when subscribed, else the setting that refused it
     */
    String subscribe(SseClient client, Owner owner, String lastEventId, Function<String, JsonNode> reset) {
        synchronized (lock) {
            if (clients.size() >= maxClients) {
                return "stream.max.clients";
            }
            if (clients.values().stream().filter(o -> o.name().equals(owner.name())).count() >= maxPerCaller) {
                return "stream.max.clients.per.caller";
            }
            clients.put(client, owner);
            if (lastEventId != null) {
                Resume resume = ring.after(lastEventId);
                if (resume.reset() != null) {
                    client.offer("event: reset\ndata: " + reset.apply(resume.reset()) + "\n\n");
                }
                for (Entry e : resume.missed()) {
                    if (client.filter().matches(e)) {
                        client.offer(e.frame());
                    }
                }
            }
            return null;
        }
    }

    void unsubscribe(SseClient client) {
        synchronized (lock) {
            clients.remove(client);
        }
    }

    int clients() {
        synchronized (lock) {
            return clients.size();
        }
    }

    /** A comment to idle clients; and the end of every stream whose credential is no longer good (C48). */
    private void keepAlive() {
        Map<SseClient, Owner> all;
        synchronized (lock) {
            all = Map.copyOf(clients);
        }
        for (Map.Entry<SseClient, Owner> client : all.entrySet()) {
            SseClient c = client.getKey();
            if (!stillValid(client.getValue())) {
                LOG.info("Event stream client {} ({}) ended: its credential is no longer valid", c.peer(),
                        client.getValue().name());
                c.close();
            } else if (c.isEmpty()) {
                c.offer(KEEP_ALIVE);
            }
        }
    }

    private static boolean stillValid(Owner owner) {
        try {
            return owner.valid().getAsBoolean();
        } catch (RuntimeException e) {
            LOG.error("The check of stream client {}'s credential failed; the stream ends", owner.name(), e);
            return false;
        }
    }

    /** Ends every stream and stops the threads. */
    void close() {
        timer.shutdownNow();
        List<SseClient> all;
        synchronized (lock) {
            all = List.copyOf(clients.keySet());
        }
        all.forEach(SseClient::close);
        pump.shutdown();
        try {
            pump.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Set<String> types() {
        return EventFilterSpec.TYPES;
    }
}
