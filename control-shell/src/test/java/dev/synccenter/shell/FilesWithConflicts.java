package dev.synccenter.shell;

import static dev.synccenter.shell.EngineOnAClock.WAIT;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.synccenter.control.ConflictChoice;
import dev.synccenter.control.ConflictVersion;
import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.ResolutionAbility;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.handler.ConflictResolver;
import dev.synccenter.handler.ResolutionFeedback;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;
import dev.synccenter.impl.engine.HandlerRef;
import dev.synccenter.impl.engine.SyncEngine;

/**
 * A handler {@value #ID} with a conflict store and a resolver (C46, C47), for the commands of
 * conflicts on the real engine: its resolver records each call and removes what it resolved from
 * the store, unless the test says otherwise; it throws when told to.
 */
final class FilesWithConflicts implements ConflictResolver {

    static final String ID = "files";
    static final Instant T10 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant T11 = Instant.parse("2026-12-01T11:00:00Z");

    private final SyncEngine engine;
    /** The handler's conflict store. */
    volatile List<SyncConflict> store = List.of();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile boolean removes = true;
    volatile RuntimeException throwing;
    volatile boolean withResolver = true;

    /** Registers the handler with the engine. */
    FilesWithConflicts(SyncEngine engine) {
        this.engine = engine;
        engine.handlerAdded(new HandlerRef(2, 0, ID, "files.bundle 1.0.0", new SyncHandler() {
            public String name() {
                return "Files";
            }

            public List<SyncItem> items() {
                return List.of(SyncItem.of("docs", "Documents"));
            }

            public void synchronize(List<String> ids, SyncCallback cb, Object ctx, long req) {
            }

            public Set<HandlerCapability> capabilities() {
                return Set.of(HandlerCapability.CONFLICT_STORE);
            }

            public List<SyncConflict> conflicts() {
                return store;
            }

            public ConflictResolver conflictResolver() {
                return withResolver ? FilesWithConflicts.this : null;
            }
        }));
        await().atMost(WAIT).until(() -> engine.handler(ID).isPresent());
    }

    /** A conflict on the item docs: version 0 on the laptop at 10:00, version 1 on the server at 11:00. */
    static SyncConflict conflict(String id, String type, Set<ResolutionAbility> abilities) {
        return new SyncConflict(id, null, "docs", "File " + id, "changed on both sides", type,
                List.of(new ConflictVersion(id + ".txt", "laptop", T10, 10, ""),
                        new ConflictVersion(id + ".txt", "server", T11, 12, id + " (server).txt")),
                abilities);
    }

    /** The store reports these conflicts, and the engine has read it. */
    void report(SyncConflict... conflicts) {
        store = List.of(conflicts);
        engine.updateConflicts(ID, null, Set.of(ControlFlag.WAIT));
    }

    /** The conflicts the engine lists now. */
    List<String> listed() {
        return engine.conflicts(ID, null).stream().map(SyncConflict::id).toList();
    }

    private ResolutionFeedback done(String call, SyncConflict c) {
        calls.add(call + " " + c.id());
        if (throwing != null) {
            throw throwing;
        }
        if (removes) {
            List<SyncConflict> left = new ArrayList<>(store);
            left.removeIf(x -> x.id().equals(c.id()));
            store = left;
        }
        return ResolutionFeedback.CONTINUE;
    }

    @Override
    public ResolutionFeedback keepRecent(SyncConflict c) {
        return done("keepRecent", c);
    }

    @Override
    public ResolutionFeedback keepItems(SyncConflict c, List<ConflictChoice.Kept> kept) {
        return done("keepItems" + kept, c);
    }

    @Override
    public ResolutionFeedback keepOther(SyncConflict c, String other) {
        return done("keepOther(" + other + ")", c);
    }

    @Override
    public ResolutionFeedback removeFromSyncSet(SyncConflict c) {
        return done("removeFromSyncSet", c);
    }
}
