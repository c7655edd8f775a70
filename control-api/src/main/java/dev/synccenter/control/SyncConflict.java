package dev.synccenter.control;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One conflict in a handler's conflict store ({@code ISyncMgrConflict}), reduced to what a headless
 * console shows and what resolving it needs. A conflict exists until the handler's store stops
 * listing it (Sync Center's rule, C47).
 *
 * @param id the conflict's ID within its handler's store
 * @param handlerId the handler (filled in by the platform)
 * @param itemId the item in conflict
 * @param name a short name
 * @param description what is in conflict
 * @param type the kind of conflict, as the handler names it (for example "changed on both sides"):
 *     "apply to all" applies a choice to the remaining conflicts of the same handler and type (C46);
 *     empty when the handler names none
 * @param versions the versions in conflict ({@code ISyncMgrConflictItems})
 * @param abilities the choices it can be resolved with ({@code QueryAbilities}); empty: it cannot be
 *     resolved through the platform
 * @since 1.4.0 for {@code type}, {@code versions} and {@code abilities}
 */
public record SyncConflict(String id, String handlerId, String itemId, String name, String description,
        String type, List<ConflictVersion> versions, Set<ResolutionAbility> abilities) {

    public SyncConflict {
        type = type == null ? "" : type;
        versions = versions == null ? List.of() : List.copyOf(versions);
        abilities = abilities == null || abilities.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(abilities));
    }

    /** A conflict without versions or abilities, as conflicts were before 1.4.0: listed, not resolvable. */
    public SyncConflict(String id, String handlerId, String itemId, String name, String description) {
        this(id, handlerId, itemId, name, description, "", List.of(), Set.of());
    }

    /** The same conflict, of another handler ID: the platform fills in the handler's. */
    public SyncConflict withHandlerId(String value) {
        return new SyncConflict(id, value, itemId, name, description, type, versions, abilities);
    }
}
