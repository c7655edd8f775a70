package dev.synccenter.control.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One state-changing call (C51).
 *
 * @param at      when the call arrived
 * @param who     the caller's name, as the authenticator knew it
 * @param role    the caller's role then ({@code VIEWER}, {@code OPERATOR})
 * @param surface where the call came in: {@code http}, {@code endpoint}, {@code webconsole}
 * @param from    the peer address (and port) the call came from
 * @param action  what was asked, for example {@code stop} or {@code POST /api/handlers/demo/sync}
 * @param target  what it was asked of: a handler ID, items, a request ID; empty if nothing in particular
 */
public record AuditEntry(Instant at, String who, String role, String surface, String from, String action,
        String target) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(action, "action");
        target = target == null ? "" : target;
    }
}
