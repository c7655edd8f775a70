package dev.synccenter.sample.folders;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.synccenter.control.ConflictChoice;
import dev.synccenter.control.ConflictVersion;
import dev.synccenter.control.ResolutionAbility;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.handler.ConflictResolver;
import dev.synccenter.handler.ResolutionFeedback;
import dev.synccenter.sample.folders.PairState.Stamp;

/**
 * The conflict store and its resolution (C46, C47): the files of two-way pairs that changed on both
 * sides, as {@link PairState} records them, shown as conflicts with a version per side, and resolved
 * on disk. A resolution removes the conflict from the pair's state only once its files are done, so
 * the platform's next read no longer lists it (C47); one that cannot be done throws and changes no
 * state, and the conflict stays. It calls nothing on the platform: the platform reads the store again
 * after each resolution call.
 *
 * <p>"Keep other" is not offered: a folder pair has no merged version to take.
 */
final class FolderConflicts implements ConflictResolver {

    static final String TYPE = "changed on both sides";
    static final EnumSet<ResolutionAbility> ABILITIES = EnumSet.of(ResolutionAbility.KEEP_RECENT,
            ResolutionAbility.KEEP_SINGLE, ResolutionAbility.KEEP_MULTIPLE, ResolutionAbility.REMOVE_FROM_SYNC_SET);
    /** A listener for resolution copies: there is no session to report to. */
    private static final FolderMirror.Listener QUIET = new FolderMirror.Listener() {
        @Override
        public void progress(long step, long total, String text) {
        }

        @Override
        public void problem(String relativePath, String what, IOException cause) {
        }
    };

    /** A pair's state, loaded once and shared with its syncs (whose lock it is). */
    interface States {
        PairState of(FolderPair pair) throws IOException;
    }

    private final Supplier<List<FolderPair>> pairs;
    private final States states;

    FolderConflicts(Supplier<List<FolderPair>> pairs, States states) {
        this.pairs = pairs;
        this.states = states;
    }

    /** The conflict's ID: short, and the same for the same pair and file across restarts. */
    static String id(String pairId, String relative) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(relative.getBytes(StandardCharsets.UTF_8));
            return pairId + "-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java has SHA-256
        }
    }

    /** The conflicts of all two-way pairs, read from their state and described from the files now. */
    List<SyncConflict> list() throws IOException {
        List<SyncConflict> all = new ArrayList<>();
        for (FolderPair pair : pairs.get()) {
            if (!pair.twoWay) {
                continue;
            }
            for (String relative : states.of(pair).conflicts()) { // no lock: a running sync must not hold this up
                all.add(conflict(pair, relative));
            }
        }
        return all;
    }

    private static SyncConflict conflict(FolderPair pair, String relative) throws IOException {
        return new SyncConflict(id(pair.id, relative), null, pair.id, relative,
                relative + " was changed in " + pair.source + " and in " + pair.target + " since the last sync",
                TYPE, List.of(version(pair.source.resolve(relative), "source"),
                        version(pair.target.resolve(relative), "target")), ABILITIES);
    }

    private static ConflictVersion version(Path file, String side) throws IOException {
        Stamp stamp = Stamp.of(file); // null when it vanished since: shown as unknown
        return new ConflictVersion(file.getFileName().toString(), file.toString(),
                stamp == null ? null : java.time.Instant.ofEpochMilli(stamp.modifiedMillis()),
                stamp == null ? -1 : stamp.size(), alternateName(file.getFileName().toString(), side));
    }

    /** "name (side).ext": the name a version gets when both are kept. */
    static String alternateName(String name, String side) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name + " (" + side + ")" : name.substring(0, dot) + " (" + side + ")" + name.substring(dot);
    }

    /** What a resolution does to one file in conflict; it throws to leave the conflict as it is. */
    private interface Resolution {
        void apply(FolderPair pair, PairState state, String relative) throws IOException;
    }

    private ResolutionFeedback resolve(SyncConflict conflict, Resolution resolution) throws IOException {
        for (FolderPair pair : pairs.get()) {
            if (!pair.twoWay || !pair.id.equals(conflict.itemId())) {
                continue;
            }
            PairState state = states.of(pair);
            synchronized (state) {
                for (String relative : state.conflicts()) {
                    if (id(pair.id, relative).equals(conflict.id())) {
                        resolution.apply(pair, state, relative);
                        state.resolved(relative);
                        state.save();
                        return ResolutionFeedback.CONTINUE;
                    }
                }
            }
        }
        throw new IllegalStateException("conflict " + conflict.id() + " is no longer in the folder pair's store");
    }

    @Override
    public ResolutionFeedback keepRecent(SyncConflict conflict) throws IOException {
        return resolve(conflict, (pair, state, relative) -> {
            Path s = existing(pair.source.resolve(relative));
            Path t = existing(pair.target.resolve(relative));
            // The more recently modified side wins; on a tie, the source.
            boolean sourceWins = Files.getLastModifiedTime(s).compareTo(Files.getLastModifiedTime(t)) >= 0;
            keepOne(state, relative, sourceWins ? s : t, sourceWins ? t : s);
        });
    }

    @Override
    public ResolutionFeedback keepItems(SyncConflict conflict, List<ConflictChoice.Kept> kept) throws IOException {
        return resolve(conflict, (pair, state, relative) -> {
            Path[] sides = {pair.source.resolve(relative), pair.target.resolve(relative)};
            if (kept.size() == 1) {
                int i = kept.get(0).index(); // a new name for a single kept version is not used: it keeps its own
                keepOne(state, relative, existing(sides[i]), sides[1 - i]);
                return;
            }
            keepBoth(pair, state, relative, sides, kept);
        });
    }

    /** Both versions: each under its new name, or the first under its own and the second under its alternate name. */
    private static void keepBoth(FolderPair pair, PairState state, String relative, Path[] sides,
            List<ConflictChoice.Kept> kept) throws IOException {
        String own = sides[0].getFileName().toString();
        Map<String, Path> byName = new LinkedHashMap<>(); // the name each kept version gets -> its file
        for (int k = 0; k < kept.size(); k++) {
            ConflictChoice.Kept one = kept.get(k);
            String name = one.newName() != null && !one.newName().isBlank() ? checkedName(one.newName())
                    : k == 0 ? own : alternateName(own, one.index() == 0 ? "source" : "target");
            if (byName.put(name, existing(sides[one.index()])) != null) {
                throw new IllegalArgumentException("two kept versions would both be named " + name);
            }
        }
        // Check everything before touching anything: a new name must not overwrite another file.
        for (String name : byName.keySet()) {
            if (!name.equals(own) && (Files.exists(sides[0].resolveSibling(name))
                    || Files.exists(sides[1].resolveSibling(name)))) {
                throw new FileAlreadyExistsException(sides[0].resolveSibling(name).toString(), null,
                        "a kept version's new name is taken");
            }
        }
        String folder = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/') + 1) : "";
        for (var e : byName.entrySet()) { // renamed copies first: they read the files still in conflict
            if (!e.getKey().equals(own)) {
                copy(e.getValue(), pair.source.resolve(folder + e.getKey()));
                copy(e.getValue(), pair.target.resolve(folder + e.getKey()));
                state.synced(folder + e.getKey(), Stamp.of(e.getValue()));
            }
        }
        Path keepsOwn = byName.get(own);
        if (keepsOwn != null) {
            keepOne(state, relative, keepsOwn, keepsOwn.equals(sides[0]) ? sides[1] : sides[0]);
        } else {
            Files.deleteIfExists(sides[0]);
            Files.deleteIfExists(sides[1]);
            state.synced(relative, null);
        }
    }

    @Override
    public ResolutionFeedback keepOther(SyncConflict conflict, String other) {
        throw new UnsupportedOperationException("a folder pair does not keep another version (not offered)");
    }

    @Override
    public ResolutionFeedback removeFromSyncSet(SyncConflict conflict) throws IOException {
        // Both files stay as they are; syncs leave this path alone from now on.
        return resolve(conflict, (pair, state, relative) -> state.exclude(relative));
    }

    /** The winner's file is copied over the loser's, and both sides count as synced. */
    private static void keepOne(PairState state, String relative, Path winner, Path loser) throws IOException {
        copy(winner, loser);
        state.synced(relative, Stamp.of(winner));
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!FolderMirror.copy(from, to, () -> !Thread.currentThread().isInterrupted(), QUIET)) {
            throw new InterruptedIOException("resolution interrupted copying " + from);
        }
    }

    /** The file, which must still be there: a version that vanished cannot be kept. */
    private static Path existing(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "the version in conflict is gone");
        }
        return file;
    }

    private static String checkedName(String name) {
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
                || name.endsWith(FolderMirror.TEMP_SUFFIX)) {
            throw new IllegalArgumentException("not a file name: " + name);
        }
        return name;
    }
}
