package dev.synccenter.sample.folders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.HandlerType;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncIds;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.handler.CancelRequest;
import dev.synccenter.handler.ConflictResolver;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncHandlerId;
import dev.synccenter.handler.SyncItem;

/**
 * Mirrors folders. Its items are the configured {@link FolderPair}s; syncing one makes the target
 * folder equal to the source folder ({@link FolderMirror}), with a progress report per file and an
 * error event per file it cannot copy or remove.
 *
 * <p>It watches the source folders (and two-way pairs' targets) and, when one changes, starts a sync
 * of that pair itself through the control service with {@code IGNORE_IF_ALREADY_SYNCING} (Sync
 * Center's own example of a handler calling {@code StartItemSync}). A change that arrives while that
 * pair is being mirrored makes the running mirror go round once more, so no change is missed.
 *
 * <p>A pair configured two-way is synced by {@link TwoWaySync} instead: a file changed on both sides
 * since the last sync is a conflict, kept in the pair's own state files and resolved through the
 * platform ({@link FolderConflicts}, C46, C47).
 */
@Component(service = SyncHandler.class)
@SyncHandlerId(FolderSyncHandler.ID)
public final class FolderSyncHandler implements SyncHandler {

    static final String ID = "folders";
    /** Mirror rounds per item in one session, when changes keep coming while it mirrors. */
    static final int MAX_ROUNDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(FolderSyncHandler.class);

    private final SyncControl control;
    private final Map<String, FolderPair> pairs = new ConcurrentHashMap<>();
    /** Pairs that changed since their current mirror round began. */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final SourceWatcher watcher;
    /** Two-way pairs' states, by target folder, loaded once: each is also the lock of its pair's files. */
    private final Map<Path, PairState> states = new ConcurrentHashMap<>();
    private final FolderConflicts conflictStore = new FolderConflicts(() -> List.copyOf(pairs.values()), this::state);
    /** A test hook, called after each chunk a mirror copies. */
    volatile BiConsumer<Path, Long> chunkHook = (path, bytes) -> { };

    @Activate
    public FolderSyncHandler(@Reference SyncControl control) throws IOException {
        this.control = control;
        this.watcher = new SourceWatcher(this::sourcesChanged);
    }

    @Deactivate
    void deactivate() {
        watcher.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPair(FolderPair pair) {
        String problem = SyncIds.problem(pair.id);
        if (problem != null) {
            LOG.warn("Folder pair with ID '{}' ignored: an item ID {}", pair.id, problem);
            return;
        }
        FolderPair old = pairs.put(pair.id, pair);
        if (old != null && old != pair) {
            LOG.warn("Two folder pairs have the ID '{}'; the later one counts", pair.id);
        }
        watcher.watch(pair.id, pair.source);
        if (pair.twoWay) {
            watcher.watchAlso(pair.id, pair.target); // a change on either side is synced by itself
        }
        itemsChanged();
    }

    void unbindPair(FolderPair pair) {
        if (pairs.remove(pair.id, pair)) {
            watcher.forget(pair.id);
            itemsChanged();
        }
    }

    /** Tells the platform to read the items again (C31); it happens in the background. */
    private void itemsChanged() {
        try {
            control.updateHandler(ID, Set.of());
        } catch (RuntimeException notYetKnown) {
            // The platform reads the items when it first sees this handler.
        }
    }

    private void sourcesChanged(Set<String> changedPairs) {
        for (String pairId : changedPairs) {
            if (!pairs.containsKey(pairId)) {
                continue;
            }
            dirty.add(pairId);
            try {
                control.startItemSync(ID, List.of(pairId), null,
                        Set.of(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING), null);
            } catch (SyncRefusedException | SyncArgumentException e) {
                LOG.info("Folder pair {} changed, but its sync was refused: {}", pairId, e.getMessage());
            }
        }
    }

    @Override
    public String name() {
        return "Folder sync";
    }

    @Override
    public HandlerType type() {
        return HandlerType.FOLDER;
    }

    @Override
    public String comment() {
        return pairs.size() + (pairs.size() == 1 ? " folder pair" : " folder pairs");
    }

    @Override
    public Set<HandlerCapability> capabilities() {
        return Set.of(HandlerCapability.CONFLICT_STORE);
    }

    /** The conflicts of the two-way pairs, from their state files (so they survive a restart). */
    @Override
    public List<SyncConflict> conflicts() {
        try {
            return conflictStore.list();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the platform keeps what it listed before
        }
    }

    @Override
    public ConflictResolver conflictResolver() {
        return conflictStore;
    }

    private PairState state(FolderPair pair) throws IOException {
        PairState state = states.get(pair.target);
        if (state == null) {
            state = PairState.load(pair.target);
            PairState first = states.putIfAbsent(pair.target, state);
            state = first == null ? state : first;
        }
        return state;
    }

    @Override
    public List<SyncItem> items() {
        List<SyncItem> items = new ArrayList<>();
        for (FolderPair pair : pairs.values()) {
            items.add(new SyncItem() {
                @Override
                public String id() {
                    return pair.id;
                }

                @Override
                public String name() {
                    return pair.name;
                }

                @Override
                public String comment() {
                    return pair.source + " -> " + pair.target;
                }
            });
        }
        items.sort(java.util.Comparator.comparing(SyncItem::id));
        return items;
    }

    @Override
    public void synchronize(List<String> itemIds, SyncCallback callback, Object context, long requestId) {
        for (String itemId : itemIds) {
            if (!callback.canContinue()) {
                return; // the platform ends the rest CANCELED
            }
            FolderPair pair = pairs.get(itemId);
            if (pair == null) {
                callback.reportEvent(itemId, EventLevel.ERROR, "No such folder pair",
                        "The folder pair '" + itemId + "' is no longer configured.");
                callback.reportProgress(itemId, "not configured", ProgressStatus.FAILED, 0, 0);
                continue;
            }
            syncPair(pair, callback);
        }
    }

    /**
     * Mirrors one pair and reports how it ended. A failure says whether another attempt may succeed
     * ({@link MirrorFailures}): a source on a disconnected mount is retried by the platform (C42, C43).
     */
    private void syncPair(FolderPair pair, SyncCallback callback) {
        String id = pair.id;
        FolderMirror.Outcome outcome = FolderMirror.Outcome.DONE;
        MirrorFailures failures = new MirrorFailures();
        SyncedFiles synced = new SyncedFiles();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            dirty.remove(id);
            try {
                outcome = pair.twoWay ? syncTwoWay(pair, callback, failures, synced)
                        : FolderMirror.mirror(pair.source, pair.target, () -> callback.canContinue(id),
                                listener(id, callback, failures, synced));
            } catch (IOException e) {
                callback.reportEvent(id, EventLevel.ERROR, "Folder sync failed", pair + ": " + e);
                callback.reportFailure(id, MirrorFailures.ofMirror(pair.source, e));
                return;
            }
            if (outcome == FolderMirror.Outcome.CANCELED || !dirty.contains(id)) {
                break; // done, unless the source changed while we mirrored it
            }
        }
        if (outcome == FolderMirror.Outcome.CANCELED) {
            callback.reportProgress(id, "canceled", ProgressStatus.CANCELED, 0, 0);
        } else if (failures.any()) {
            callback.reportFailure(id, failures.failure());
        } else {
            if (synced.any()) {
                callback.reportEvent(id, EventLevel.INFORMATION, synced.title(), synced.description(pair));
            }
            callback.reportProgress(id, "done", ProgressStatus.SUCCEEDED, 1, 1);
        }
    }

    /** A two-way round, under the pair's state lock; the state is saved however the round ends. */
    private FolderMirror.Outcome syncTwoWay(FolderPair pair, SyncCallback callback, MirrorFailures failures,
            SyncedFiles synced) throws IOException {
        PairState state = state(pair);
        synchronized (state) {
            try {
                return TwoWaySync.sync(pair.source, pair.target, state, () -> callback.canContinue(pair.id),
                        listener(pair.id, callback, failures, synced));
            } finally {
                // As the mirror: with a missing source, nothing is written beside the target either.
                if (Files.isDirectory(pair.target)) {
                    state.save();
                    watcher.watchAlso(pair.id, pair.target); // if this sync created it
                }
            }
        }
    }

    private FolderMirror.Listener listener(String itemId, SyncCallback callback, MirrorFailures failures,
            SyncedFiles synced) {
        return new FolderMirror.Listener() {
            @Override
            public void progress(long step, long total, String text) {
                CancelRequest answer = callback.reportProgress(itemId, text, ProgressStatus.UPDATING, step, total);
                LOG.debug("{}: {} ({})", itemId, text, answer);
            }

            @Override
            public void problem(String relativePath, String what, IOException cause) {
                failures.add(relativePath, cause);
                callback.reportEvent(itemId, EventLevel.ERROR, "Cannot " + what + " " + relativePath,
                        cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }

            @Override
            public void changed(String relativePath) {
                synced.add(relativePath);
            }

            @Override
            public void conflict(String relativePath) {
                callback.reportEvent(itemId, EventLevel.WARNING, "Conflict: " + relativePath,
                        relativePath + " changed on both sides since the last sync; it is not synced until resolved.");
            }

            @Override
            public void chunkCopied(Path target, long bytesSoFar) {
                chunkHook.accept(target, bytesSoFar);
            }
        };
    }
}
