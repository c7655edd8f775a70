package dev.synccenter.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.synccenter.control.ConflictChoice;
import dev.synccenter.control.ConflictChoice.Kind;
import dev.synccenter.control.ResolutionOutcome;
import dev.synccenter.http.Route.Prepared;
import dev.synccenter.http.Route.Reply;

/**
 * Resolving conflicts (C46, C47): {@code POST /conflicts/{handler}/resolve} with the conflicts, one
 * choice of Sync Center's resolution handler and "apply to all", answered with one outcome per
 * conflict once the handler's resolutions have run. The body's shape is checked here, before the
 * call is recorded; whether each conflict is listed and offers the choice is the control service's
 * to say, and it names its arguments as the body does ({@code conflictIds[1]}, {@code choice.kept}).
 * A handler without a resolver is its refusal by policy, a 409.
 */
final class ConflictActions {

    static final Set<String> FIELDS = Set.of("conflictIds", "choice", "applyToAll");
    private static final Set<String> CHOICE = Set.of("kind", "kept", "other");
    private static final Set<String> KEPT = Set.of("index", "newName");

    private ConflictActions() {
    }

    static Prepared resolve(Call c) {
        c.handler();
        List<String> ids = c.body.strings("conflictIds");
        if (ids == null || ids.isEmpty()) {
            throw ApiException.badArgument("conflictIds", "is required: the conflicts to resolve, at least one");
        }
        ConflictChoice choice = choice(c.body);
        boolean applyToAll = c.body.bool("applyToAll", false);
        String target = HandlerActions.target(c.handlerId(), null) + " conflicts=" + String.join(",", ids)
                + " choice=" + choice.kind() + (applyToAll ? " applyToAll" : "");
        return new Prepared(target, () -> {
            ObjectNode o = Json.object();
            ArrayNode outcomes = o.putArray("outcomes");
            for (ResolutionOutcome r : c.control.resolveConflicts(c.handlerId(), ids, choice, applyToAll)) {
                outcomes.add(Json.outcome(r));
            }
            return Reply.ok(o);
        });
    }

    private static ConflictChoice choice(Body body) {
        Body choice = body.object("choice", CHOICE);
        if (choice == null) {
            throw ApiException.badArgument("choice", "is required: {\"kind\": \"KEEP_RECENT\"} or another kind");
        }
        String name = choice.string("kind");
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.name().equals(name == null ? null : name.toUpperCase(Locale.ROOT))) {
                kind = k;
            }
        }
        if (kind == null) {
            throw ApiException.badArgument("choice.kind", "must be one of " + List.of(Kind.values()) + ", was "
                    + (name == null ? "absent" : "'" + Text.clean(name) + "'"));
        }
        List<Body> kept = choice.objects("kept", KEPT);
        String other = choice.string("other");
        if (kept != null && kind != Kind.KEEP_ITEMS) {
            throw ApiException.badArgument("choice.kept", "goes with kind KEEP_ITEMS only");
        }
        if (other != null && kind != Kind.KEEP_OTHER) {
            throw ApiException.badArgument("choice.other", "goes with kind KEEP_OTHER only");
        }
        return switch (kind) {
            case KEEP_RECENT -> ConflictChoice.keepRecent();
            case REMOVE_FROM_SYNC_SET -> ConflictChoice.removeFromSyncSet();
            case KEEP_OTHER -> ConflictChoice.keepOther(other); // none or a blank one: the control service names it
            case KEEP_ITEMS -> ConflictChoice.keepItems(kept(kept));
        };
    }

    private static List<ConflictChoice.Kept> kept(List<Body> kept) {
        if (kept == null || kept.isEmpty()) {
            throw ApiException.badArgument("choice.kept", "is required with KEEP_ITEMS: the versions to keep, each"
                    + " {\"index\": n} with an optional newName");
        }
        List<ConflictChoice.Kept> versions = new ArrayList<>(kept.size());
        for (Body k : kept) {
            Integer index = k.integer("index", 0, Integer.MAX_VALUE);
            if (index == null) {
                throw ApiException.badArgument(k.name("index"), "is required: the version's index in the conflict's"
                        + " versions");
            }
            String newName = k.string("newName");
            if (newName != null && newName.isBlank()) {
                throw ApiException.badArgument(k.name("newName"), "must not be blank; leave it out to keep the"
                        + " version's own name");
            }
            versions.add(new ConflictChoice.Kept(index, newName));
        }
        return versions;
    }
}
