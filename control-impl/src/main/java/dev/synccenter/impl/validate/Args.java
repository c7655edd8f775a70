package dev.synccenter.impl.validate;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.synccenter.control.Limits;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncIds;

/** Checks of the control service's arguments (C1, C7) and the cutting of display text (C2). */
public final class Args {

    private Args() {
    }

    /** Returns why the ID breaks C1, or null if it is valid. */
    public static String idProblem(String id) {
        return SyncIds.problem(id);
    }

    /** A valid handler or item ID, or a {@link SyncArgumentException} naming the argument. */
    public static String id(String argument, String id) {
        String problem = idProblem(id);
        if (problem != null) {
            throw new SyncArgumentException(argument, problem + describe(id));
        }
        return id;
    }

    /** A null or valid item ID, for the arguments where null means "the handler itself". */
    public static String optionalId(String argument, String id) {
        return id == null ? null : id(argument, id);
    }

    /** A non-empty list of valid, distinct item IDs (C1, C7). */
    public static List<String> itemIds(String argument, List<String> ids) {
        if (ids == null) {
            throw new SyncArgumentException(argument, "must not be null (C7)");
        }
        if (ids.isEmpty()) {
            throw new SyncArgumentException(argument, "must name at least one item (C7)");
        }
        // The element's name ("itemIds[2]") and the set of seen IDs are built only when needed.
        Set<String> seen = ids.size() > 1 ? new HashSet<>() : null;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String problem = idProblem(id);
            if (problem != null) {
                throw new SyncArgumentException(argument + "[" + i + "]", problem + describe(id));
            }
            if (seen != null && !seen.add(id)) {
                throw new SyncArgumentException(argument + "[" + i + "]", "names item '" + id + "' twice (C7)");
            }
        }
        return List.copyOf(ids);
    }

    /** A non-null set of flags without null elements. */
    public static <E extends Enum<E>> Set<E> flags(String argument, Collection<E> flags) {
        if (flags == null) {
            throw new SyncArgumentException(argument, "must not be null; use Set.of() for no flags");
        }
        for (E flag : flags) {
            if (flag == null) {
                throw new SyncArgumentException(argument, "must not contain null");
            }
        }
        return Set.copyOf(flags);
    }

    /** Cuts display text to a maximum length (C2); null becomes empty. */
    public static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return text.substring(0, end);
    }

    /** Like {@link #cut}, but says that the text was cut and from how many characters (C41). */
    public static String cutMarked(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        String marker = " [cut from " + text.length() + " characters]";
        return cut(text, Math.max(0, max - marker.length())) + marker;
    }

    private static String describe(String id) {
        if (id == null || id.isEmpty()) {
            return "";
        }
        String shown = id.length() > 20 ? id.substring(0, 20) + "..." : id;
        StringBuilder printable = new StringBuilder();
        for (char c : shown.toCharArray()) {
            printable.append(Character.isISOControl(c) ? '?' : c);
        }
        return ": '" + printable + "'";
    }
}
