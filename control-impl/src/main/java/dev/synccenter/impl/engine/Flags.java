package dev.synccenter.impl.engine;

import java.util.EnumSet;
import java.util.Set;

import dev.synccenter.control.SyncControlFlag;

/**
 * One shared, unmodifiable set per combination of start flags: a million queued requests with the
 * same flags hold one set, not a million copies (C41).
 */
final class Flags {

    private static final SyncControlFlag[] ALL = SyncControlFlag.values();
    private static final Set<SyncControlFlag>[] SHARED = combinations();

    private Flags() {
    }

    /** The shared set equal to {@code flags}. */
    static Set<SyncControlFlag> shared(Set<SyncControlFlag> flags) {
        int mask = 0;
        for (SyncControlFlag flag : flags) {
            mask |= 1 << flag.ordinal();
        }
        return SHARED[mask];
    }

    @SuppressWarnings("unchecked")
    private static Set<SyncControlFlag>[] combinations() {
        if (ALL.length > 16) {
            throw new IllegalStateException("too many start flags to share every combination: " + ALL.length);
        }
        Set<SyncControlFlag>[] sets = new Set[1 << ALL.length];
        for (int mask = 0; mask < sets.length; mask++) {
            EnumSet<SyncControlFlag> set = EnumSet.noneOf(SyncControlFlag.class);
            for (SyncControlFlag flag : ALL) {
                if ((mask & 1 << flag.ordinal()) != 0) {
                    set.add(flag);
                }
            }
            sets[mask] = Set.copyOf(set);
        }
        return sets;
    }
}
