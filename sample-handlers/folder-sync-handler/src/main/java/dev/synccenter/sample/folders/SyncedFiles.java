package dev.synccenter.sample.folders;

import java.util.ArrayList;
import java.util.List;

/**
 * The files one sync of a pair copied or removed, for the information event that ends it: so that
 * {@code sync:events} says what a sync did, not only what went wrong. It keeps the first few names
 * and counts the rest, so a sync of a large folder costs one short event.
 */
final class SyncedFiles {

    static final int NAMES_SHOWN = 5;

    private final List<String> first = new ArrayList<>(NAMES_SHOWN);
    private int count;

    void add(String relativePath) {
        if (count++ < NAMES_SHOWN) {
            first.add(relativePath);
        }
    }

    boolean any() {
        return count > 0;
    }

    /** The event's title: "Synced 1 file", "Synced 12 files". */
    String title() {
        return "Synced " + count + (count == 1 ? " file" : " files");
    }

    /** The event's description: the pair, then the first names and how many more. */
    String description(FolderPair pair) {
        String names = String.join(", ", first);
        return pair + ": " + names + (count > first.size() ? " and " + (count - first.size()) + " more" : "");
    }
}
