package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ConflictChoice;
import dev.synccenter.control.ConflictVersion;
import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.ResolutionAbility;
import dev.synccenter.control.ResolutionOutcome;
import dev.synccenter.control.ResolutionOutcome.Result;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.handler.ConflictResolver;
import dev.synccenter.handler.ResolutionFeedback;

/** Resolving conflicts through the control service (C46) and when they stop being listed (C47). */
class ConflictResolutionTest extends EngineFixture {

    static final Set<ResolutionAbility> ALL = EnumSet.allOf(ResolutionAbility.class);

    /** A resolver that records its calls, answers a feedback, and by default removes what it resolved. */
    static final class Resolver implements ConflictResolver {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final TestHandler store;
        volatile boolean removes = true;
        volatile ResolutionFeedback feedback = ResolutionFeedback.CONTINUE;
        volatile RuntimeException throwing;
        volatile boolean hang;

        Resolver(TestHandler store) {
            this.store = store;
        }

        private ResolutionFeedback done(String call, SyncConflict c) throws InterruptedException {
            calls.add(call + " " + c.id());
            if (hang) {
                Thread.sleep(Long.MAX_VALUE); // a handler that never answers: the deadline must end it
            }
            if (throwing != null) {
                throw throwing;
            }
            if (removes) {
                List<SyncConflict> left = new ArrayList<>(store.conflicts);
                left.removeIf(x -> x.id().equals(c.id()));
                store.conflicts = left;
            }
            return feedback;
        }

        @Override
        public ResolutionFeedback keepRecent(SyncConflict c) throws Exception {
            return done("keepRecent", c);
        }

        @Override
        public ResolutionFeedback keepItems(SyncConflict c, List<ConflictChoice.Kept> kept) throws Exception {
            return done("keepItems" + kept, c);
        }

        @Override
        public ResolutionFeedback keepOther(SyncConflict c, String other) throws Exception {
            return done("keepOther(" + other + ")", c);
        }

        @Override
        public ResolutionFeedback removeFromSyncSet(SyncConflict c) throws Exception {
            return done("removeFromSyncSet", c);
        }
    }

    static SyncConflict conflict(String id, String type, Set<ResolutionAbility> abilities) {
        return new SyncConflict(id, null, "item-" + id, "File " + id, "changed on both sides", type,
                List.of(new ConflictVersion(id + ".txt", "source", Instant.parse("2026-12-01T10:00:00Z"), 10, ""),
                        new ConflictVersion(id + ".txt", "target", Instant.parse("2026-12-01T11:00:00Z"), 12,
                                id + " (target).txt")),
                abilities);
    }

    private TestHandler handler;
    private Resolver resolver;

    private void withConflicts(SyncConflict... conflicts) {
        handler = new TestHandler("a");
        handler.capabilities = Set.of(HandlerCapability.CONFLICT_STORE);
        handler.conflicts = List.of(conflicts);
        resolver = new Resolver(handler);
        handler.resolver = resolver;
        register("h", handler);
        engine.updateConflicts("h", null, Set.of(ControlFlag.WAIT));
    }

    private List<String> listed() {
        return engine.conflicts("h", null).stream().map(SyncConflict::id).toList();
    }

    // C46
    @Test
    void c46_aConflictIsListedWithItsVersionsAndAbilitiesAndResolvedWithAChoice() {
        withConflicts(conflict("c1", "both", ALL));
        SyncConflict listed = engine.conflicts("h", null).get(0);
        assertThat(listed.handlerId()).isEqualTo("h");
        assertThat(listed.versions()).extracting(ConflictVersion::location).containsExactly("source", "target");
        assertThat(listed.abilities()).isEqualTo(ALL);
        assertThat(engine.metrics().handlers()).singleElement().satisfies(m -> assertThat(m.conflicts()).isEqualTo(1));
        List<ResolutionOutcome> outcomes = engine.resolveConflicts("h", List.of("c1"),
                ConflictChoice.keepItems(List.of(new ConflictChoice.Kept(0, null), new ConflictChoice.Kept(1, "c1 b"))),
                false);
        assertThat(outcomes).containsExactly(new ResolutionOutcome("c1", Result.RESOLVED, ""));
        assertThat(resolver.calls).containsExactly("keepItems[Kept[index=0, newName=null], Kept[index=1, newName=c1 b]] c1");
        assertThat(listed()).isEmpty(); // the store no longer reports it
    }

    // C46
    @Test
    void c46_applyToAllResolvesTheOtherConflictsOfTheSameType() {
        withConflicts(conflict("c1", "both", ALL), conflict("c2", "both", ALL), conflict("c3", "deleted", ALL),
                conflict("c4", "both", ALL));
        List<ResolutionOutcome> outcomes = engine.resolveConflicts("h", List.of("c2"), ConflictChoice.keepRecent(), true);
        assertThat(outcomes).extracting(ResolutionOutcome::conflictId).containsExactly("c2", "c1", "c4");
        assertThat(outcomes).extracting(ResolutionOutcome::result).containsOnly(Result.RESOLVED);
        assertThat(listed()).containsExactly("c3");
    }

    // C46
    @Test
    void c46_feedbackCancelStopsTheRestAndRefreshEndsApplyToAll() {
        withConflicts(conflict("c1", "both", ALL), conflict("c2", "both", ALL), conflict("c3", "both", ALL));
        resolver.feedback = ResolutionFeedback.REFRESH;
        List<ResolutionOutcome> refreshed = engine.resolveConflicts("h", List.of("c1"), ConflictChoice.keepRecent(),
                true);
        assertThat(refreshed).extracting(ResolutionOutcome::result)
                .containsExactly(Result.RESOLVED, Result.SKIPPED, Result.SKIPPED);
        resolver.feedback = ResolutionFeedback.CANCEL;
        List<ResolutionOutcome> cancelled = engine.resolveConflicts("h", List.of("c2", "c3"),
                ConflictChoice.removeFromSyncSet(), false);
        assertThat(cancelled).extracting(ResolutionOutcome::result).containsExactly(Result.RESOLVED, Result.SKIPPED);
        assertThat(cancelled.get(1).message()).contains("CANCEL");
        assertThat(listed()).containsExactly("c3");
    }

    // C47
    @Test
    void c47_aResolvedConflictStaysListedUntilTheStoreNoLongerReportsIt() {
        withConflicts(conflict("c1", "both", ALL));
        resolver.removes = false; // the handler resolves later, on its own
        assertThat(engine.resolveConflicts("h", List.of("c1"), ConflictChoice.keepOther("/tmp/merged"), false))
                .extracting(ResolutionOutcome::result).containsExactly(Result.RESOLVED);
        assertThat(resolver.calls).containsExactly("keepOther(/tmp/merged) c1");
        assertThat(listed()).containsExactly("c1");
        handler.conflicts = List.of();
        engine.updateConflicts("h", null, Set.of(ControlFlag.WAIT));
        assertThat(listed()).isEmpty();
    }

    // C47
    @Test
    void c47_aResolutionThatThrowsOrHangsLeavesTheConflictListedWithAnErrorEvent() {
        withConflicts(conflict("c1", "both", ALL), conflict("c2", "both", ALL));
        resolver.throwing = new IllegalStateException("disk full");
        ResolutionOutcome failed = engine.resolveConflicts("h", List.of("c1"), ConflictChoice.keepRecent(), false).get(0);
        assertThat(failed.result()).isEqualTo(Result.FAILED);
        assertThat(failed.message()).contains("disk full");
        resolver.throwing = null;
        resolver.hang = true; // past the handler call deadline (2 s here): abandoned, the caller is answered
        ResolutionOutcome hung = engine.resolveConflicts("h", List.of("c2"), ConflictChoice.keepRecent(), false).get(0);
        assertThat(hung.result()).isEqualTo(Result.FAILED);
        assertThat(listed()).containsExactly("c1", "c2");
        assertThat(engine.events(EventFilter.ALL.handler("h").atLeast(EventLevel.ERROR)))
                .extracting(e -> e.name()).containsOnly("Conflict not resolved").hasSize(2);
        resolver.hang = false;
        assertThat(engine.resolveConflicts("h", List.of("c1", "c2"), ConflictChoice.keepRecent(), false))
                .extracting(ResolutionOutcome::result).containsOnly(Result.RESOLVED); // the platform goes on
    }

    // C46
    @Test
    void c46_aChoiceTheConflictDoesNotOfferOrAnUnknownConflictIsRefusedNamingIt() {
        withConflicts(conflict("c1", "both", EnumSet.of(ResolutionAbility.KEEP_RECENT, ResolutionAbility.KEEP_SINGLE)));
        assertThatThrownBy(() -> engine.resolveConflicts("h", List.of("c1"), ConflictChoice.removeFromSyncSet(), false))
                .isInstanceOf(SyncArgumentException.class).hasMessageContaining("conflictIds[0]")
                .hasMessageContaining("REMOVE_FROM_SYNC_SET");
        assertThatThrownBy(() -> engine.resolveConflicts("h", List.of("c1"), ConflictChoice.keepItems(List.of(
                new ConflictChoice.Kept(0, null), new ConflictChoice.Kept(1, "x"))), false))
                .isInstanceOf(SyncArgumentException.class).hasMessageContaining("KEEP_MULTIPLE");
        assertThatThrownBy(() -> engine.resolveConflicts("h", List.of("c1"), ConflictChoice.keep(5), false))
                .isInstanceOf(SyncArgumentException.class).hasMessageContaining("choice.kept");
        assertThatThrownBy(() -> engine.resolveConflicts("h", List.of("nope"), ConflictChoice.keepRecent(), false))
                .isInstanceOf(SyncArgumentException.class).hasMessageContaining("conflictIds[0]");
        assertThatThrownBy(() -> engine.resolveConflicts("h", List.of(), ConflictChoice.keepRecent(), false))
                .isInstanceOf(SyncArgumentException.class).hasMessageContaining("conflictIds");
        assertThatThrownBy(() -> engine.resolveConflicts("h", List.of("c1"), null, false))
                .isInstanceOf(SyncArgumentException.class).hasMessageContaining("choice");
        assertThat(resolver.calls).isEmpty(); // nothing ran
        assertThat(listed()).containsExactly("c1");
    }

    // C46
    @Test
    void c46_aHandlerWithoutAResolverIsRefused() {
        withConflicts(conflict("c1", "both", ALL));
        handler.resolver = null;
        assertThatThrownBy(() -> engine.resolveConflicts("h", List.of("c1"), ConflictChoice.keepRecent(), false))
                .isInstanceOf(SyncRefusedException.class).hasMessageContaining("resolves no conflicts");
    }
}
