package dev.synccenter.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.security.Caller;

/**
 * Browser sessions: 256-bit random IDs, ended after {@code idle} without use and {@code maximum}
 * after they opened, however busy, and at most {@code capacity} at once (bounded memory). When
 * the table is full, opening a session first drops those that ended, then the one used longest
 * ago, with a warning that says so.
 *
 * <p>The table keys sessions by the SHA-256 of their ID, not the ID itself: a heap dump shows no
 * usable ID, and looking one up compares digests, not the secret, so its timing says nothing about
 * how much of a guessed ID was right. All in memory: a restart ends every session.
 */
final class SessionTable {

    private record Session(Caller caller, Instant opened, Instant used) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionTable.class);

    private final Duration idle;
    private final Duration maximum;
    private final int capacity;
    private final Clock clock;
    private final Secrets secrets;
    /** Least recently used first (access order). */
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(64, 0.75f, true);

    SessionTable(Duration idle, Duration maximum, int capacity, Clock clock, Secrets secrets) {
        this.idle = idle;
        this.maximum = maximum;
        this.capacity = capacity;
        this.clock = clock;
        this.secrets = secrets;
    }

    String open(Caller caller) {
        String id = secrets.sessionId();
        Instant now = clock.instant();
        synchronized (this) {
            if (sessions.size() >= capacity) {
                dropEnded(now);
            }
            if (sessions.size() >= capacity) {
                Iterator<Map.Entry<String, Session>> eldest = sessions.entrySet().iterator();
                Session dropped = eldest.next().getValue();
                eldest.remove();
                LOG.warn("{} sessions are open, the most allowed (session.max.count): ended the one used longest ago,"
                        + " of '{}', last used {}", capacity, dropped.caller().name(), dropped.used());
            }
            sessions.put(key(id), new Session(caller, now, now));
        }
        return id;
    }

    Optional<Caller> get(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return Optional.empty();
        }
        String key = key(id);
        Instant now = clock.instant();
        synchronized (this) {
            Session s = sessions.get(key);
            if (s == null) {
                return Optional.empty();
            }
            if (ended(s, now)) {
                sessions.remove(key);
                return Optional.empty();
            }
            sessions.put(key, new Session(s.caller(), s.opened(), now));
            return Optional.of(s.caller());
        }
    }

    void close(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return;
        }
        String key = key(id);
        synchronized (this) {
            sessions.remove(key);
        }
    }

    /** Ends every session of the user {@code name}; how many there were. */
    synchronized int closeAll(String name) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.caller().name().equals(name));
        return before - sessions.size();
    }

    synchronized int size() {
        return sessions.size();
    }

    private boolean ended(Session s, Instant now) {
        return !now.isBefore(s.used().plus(idle)) || !now.isBefore(s.opened().plus(maximum));
    }

    private void dropEnded(Instant now) {
        sessions.values().removeIf(s -> ended(s, now));
    }

    private static String key(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}
