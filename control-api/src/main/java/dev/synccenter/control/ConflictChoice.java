package dev.synccenter.control;

import java.util.List;
import java.util.Objects;

/**
 * How to resolve a conflict (C46): the choices of Sync Center's resolution handler.
 *
 * @param kind which resolution
 * @param kept for {@link Kind#KEEP_ITEMS}: the versions to keep, each by its index in the conflict's
 *     versions, with the name it gets (null for its own name, or for the handler to pick one); more
 *     than one only for a conflict that offers {@link ResolutionAbility#KEEP_MULTIPLE}
 * @param other for {@link Kind#KEEP_OTHER}: where the version to keep instead is (a path or URI the
 *     handler understands)
 * @since 1.4.0
 */
public record ConflictChoice(Kind kind, List<Kept> kept, String other) {

    /** The resolution methods of {@code ISyncMgrResolutionHandler}. */
    public enum Kind {
        /** {@code KeepRecent}. */
        KEEP_RECENT,
        /** {@code KeepItems}. */
        KEEP_ITEMS,
        /** {@code KeepOther}. */
        KEEP_OTHER,
        /** {@code RemoveFromSyncSet}. */
        REMOVE_FROM_SYNC_SET
    }

    /** A version to keep ({@code CONFIRM_CONFLICT_RESULT_INFO}): its index, and its new name or null. */
    public record Kept(int index, String newName) {
    }

    public ConflictChoice {
        Objects.requireNonNull(kind, "kind");
        kept = kept == null ? List.of() : List.copyOf(kept);
    }

    public static ConflictChoice keepRecent() {
        return new ConflictChoice(Kind.KEEP_RECENT, List.of(), null);
    }

    /** Keeps the version at {@code index} under its own name. */
    public static ConflictChoice keep(int index) {
        return new ConflictChoice(Kind.KEEP_ITEMS, List.of(new Kept(index, null)), null);
    }

    public static ConflictChoice keepItems(List<Kept> kept) {
        return new ConflictChoice(Kind.KEEP_ITEMS, kept, null);
    }

    public static ConflictChoice keepOther(String other) {
        return new ConflictChoice(Kind.KEEP_OTHER, List.of(), other);
    }

    public static ConflictChoice removeFromSyncSet() {
        return new ConflictChoice(Kind.REMOVE_FROM_SYNC_SET, List.of(), null);
    }

    /** The ability a conflict must offer for this choice. */
    public ResolutionAbility ability() {
        return switch (kind) {
            case KEEP_RECENT -> ResolutionAbility.KEEP_RECENT;
            case KEEP_OTHER -> ResolutionAbility.KEEP_OTHER;
            case REMOVE_FROM_SYNC_SET -> ResolutionAbility.REMOVE_FROM_SYNC_SET;
            case KEEP_ITEMS -> kept.size() > 1 ? ResolutionAbility.KEEP_MULTIPLE : ResolutionAbility.KEEP_SINGLE;
        };
    }
}
