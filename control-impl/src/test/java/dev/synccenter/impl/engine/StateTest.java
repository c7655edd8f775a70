package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.HandlerPolicy;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.ItemPolicy;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.handler.SyncItem;

class StateTest extends EngineFixture {


    // C29
    @Test
    void c29_disablingCancelsQueuedAndRunningWorkAndRefusesNewSyncs() throws Exception {
        Gate gate = new Gate();
        TestHandler handler = new TestHandler("a").body((ids, cb, ctx, req) -> gate.passUnlessCancelled(cb));
        register("h", handler);
        SyncRequest running = start("h", "a");
        gate.awaitEntered(1);
        SyncRequest queued = start("h", "a");
        engine.enableHandler(false, "h", Set.of(ControlFlag.WAIT));
        assertThat(resultOf(queued).status()).isEqualTo(ProgressStatus.CANCELED);
        assertThat(resultOf(running).status()).isEqualTo(ProgressStatus.CANCELED);
        assertThatThrownBy(() -> start("h", "a")).isInstanceOf(SyncRefusedException.class);
        assertThat(handler.enableCalls).containsExactly(false);
        engine.enableHandler(true, "h", Set.of(ControlFlag.WAIT));
        gate.open();
        assertThat(resultOf(start("h", "a")).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C29
    @Test
    void c29_disablingAnItemTakesItOutOfQueuedRequests() throws Exception {
        Gate gate = new Gate();
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            if (ids.equals(List.of("a"))) {
                gate.pass();
            }
        }));
        SyncRequest blocker = start("h", "a");
        gate.awaitEntered(1);
        SyncRequest queued = start("h", "b");
        engine.enableItem(false, "h", "b", Set.of(ControlFlag.WAIT));
        assertThat(resultOf(queued).status()).isEqualTo(ProgressStatus.CANCELED);
        gate.open();
        resultOf(blocker);
        assertThat(engine.handler("h").orElseThrow().items()).filteredOn(i -> i.id().equals("b"))
                .singleElement().satisfies(i -> assertThat(i.enabled()).isFalse());
    }

    // C29
    @Test
    void c29_policiesThatPreventEnablingOrDisablingMakeTheCallFail() {
        TestHandler handler = new TestHandler();
        handler.policies = Set.of(HandlerPolicy.PREVENT_DISABLE);
        handler.items = List.of(TestHandler.item("a", ItemPolicy.DISABLE_DISABLE));
        register("h", handler);
        assertThatThrownBy(() -> engine.enableHandler(false, "h", Set.of())).isInstanceOf(SyncRefusedException.class);
        assertThatThrownBy(() -> engine.enableItem(false, "h", "a", Set.of())).isInstanceOf(SyncRefusedException.class);
        assertThat(engine.handler("h").orElseThrow().enabled()).isTrue();
    }

    // C29, C30
    @Test
    void c29_c30_enabledAndActiveStatesSurviveARestart() {
        register("h", new TestHandler("a", "b"));
        register("g", new TestHandler("a"));
        engine.enableHandler(false, "h", Set.of(ControlFlag.WAIT));
        engine.enableItem(false, "g", "a", Set.of(ControlFlag.WAIT));
        engine.activateHandler(false, "g", Set.of(ControlFlag.WAIT));
        restart(); // C29: the states are in the store

        register("h", new TestHandler("a", "b"));
        register("g", new TestHandler("a"));
        HandlerSnapshot h = engine.handler("h").orElseThrow();
        HandlerSnapshot g = engine.handler("g").orElseThrow();
        assertThat(h.enabled()).isFalse();
        assertThat(g.active()).isFalse();
        assertThat(g.items().get(0).enabled()).isFalse();
        assertThat(h.items()).allMatch(i -> i.enabled());
    }

    // C29
    @Test
    void c29_aHandlerThatKeepsItsOwnStateIsAsked() {
        TestHandler handler = new TestHandler("a");
        handler.ownEnabled = Optional.of(false);
        register("h", handler);
        assertThat(engine.handler("h").orElseThrow().enabled()).isFalse();
        assertThatThrownBy(() -> start("h", "a")).isInstanceOf(SyncRefusedException.class);
        handler.ownEnabled = Optional.of(true);
        engine.enableHandler(true, "h", Set.of(ControlFlag.WAIT)); // re-reads the handler's answer
        assertThat(engine.handler("h").orElseThrow().enabled()).isTrue();
    }

    // C30
    @Test
    void c30_anInactiveHandlerIsListedButNeverSynced() {
        TestHandler handler = new TestHandler("a");
        register("h", handler);
        engine.activateHandler(false, "h", Set.of(ControlFlag.WAIT));
        assertThat(engine.handlers()).extracting(HandlerSnapshot::id).contains("h");
        assertThatThrownBy(() -> start("h", "a")).isInstanceOf(SyncRefusedException.class);
        assertThat(engine.startSyncAll()).isEmpty();
        handler.policies = Set.of(HandlerPolicy.PREVENT_ACTIVATE);
        engine.updateHandler("h", Set.of(ControlFlag.WAIT));
        assertThatThrownBy(() -> engine.activateHandler(true, "h", Set.of())).isInstanceOf(SyncRefusedException.class);
        assertThat(handler.calls).isEmpty();
    }

    // C31
    @Test
    void c31_metadataIsCachedUntilAnUpdateCallAndWaitReturnsWithTheNewValues() {
        TestHandler handler = new TestHandler("a");
        register("h", handler);
        handler.name = "Renamed";
        handler.items = List.of(SyncItem.of("a", "A"), SyncItem.of("b", "B"));
        assertThat(engine.handler("h").orElseThrow().name()).isEqualTo("Test handler");
        engine.updateItem("h", "a", Set.of(ControlFlag.WAIT));
        HandlerSnapshot now = engine.handler("h").orElseThrow();
        assertThat(now.name()).isEqualTo("Renamed");
        assertThat(now.items()).extracting(i -> i.id()).containsExactly("a", "b");
        handler.name = "Again";
        engine.updateHandlerCollection(Set.of(ControlFlag.WAIT));
        assertThat(engine.handler("h").orElseThrow().name()).isEqualTo("Again");
    }

    // C32
    @Test
    void c32_aHandlerWhoseNameCannotBeReadIsNotListedAndNotSynced() {
        TestHandler blank = new TestHandler("a");
        blank.name = "  ";
        engine.handlerAdded(new HandlerRef(901, 0, "blank", "test 1", blank));
        TestHandler throwing = new TestHandler("a") {
            @Override
            public String name() {
                throw new IllegalStateException("no name");
            }
        };
        engine.handlerAdded(new HandlerRef(902, 0, "throwing", "test 1", throwing));
        register("fine", new TestHandler("a"));
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(
                () -> start("blank", "a")).isInstanceOf(SyncRefusedException.class).hasMessageContaining("C32"));
        assertThat(engine.handlers()).extracting(HandlerSnapshot::id).containsExactly("fine");
        assertThat(blank.calls).isEmpty();
    }

    // C32
    @Test
    void c32_itemsWithoutReadableIdOrNameAreLeftOutAndOtherGettersDefault() {
        TestHandler handler = new TestHandler();
        handler.items = List.of(SyncItem.of("good", "Good"), SyncItem.of("", "no id"), SyncItem.of("noname", " "),
                new SyncItem() {
                    public String id() {
                        return "odd";
                    }

                    public String name() {
                        return "Odd";
                    }

                    public String comment() {
                        throw new IllegalStateException("broken getter");
                    }

                    public Set<ItemPolicy> policies() {
                        return null;
                    }
                }, SyncItem.of("good", "duplicate"));
        register("h", handler);
        HandlerSnapshot h = engine.handler("h").orElseThrow();
        assertThat(h.items()).extracting(i -> i.id()).containsExactly("good", "odd");
        assertThat(h.items().get(1).comment()).isEmpty();
        assertThat(h.items().get(0).name()).isEqualTo("Good");
    }

    // C2
    @Test
    void c2_longNamesAreCut() {
        TestHandler handler = new TestHandler();
        handler.name = "n".repeat(500);
        handler.items = List.of(SyncItem.of("a", "i".repeat(300)));
        register("h", handler);
        assertThat(engine.handler("h").orElseThrow().name()).hasSize(127);
        assertThat(engine.handler("h").orElseThrow().items().get(0).name()).hasSize(127);
    }

    // C30
    @Test
    void c30_aHandlerThatKeepsItsOwnStateAndTurnsItselfOffRunsNothingMore() throws Exception {
        Gate gate = new Gate();
        TestHandler handler = new TestHandler("a").body((ids, cb, ctx, req) -> gate.passUnlessCancelled(cb));
        handler.ownEnabled = Optional.of(true);
        register("h", handler);
        SyncRequest running = start("h", "a");
        gate.awaitEntered(1);
        SyncRequest queued = start("h", "a");
        handler.ownEnabled = Optional.of(false); // the handler disables itself and says so
        engine.updateHandler("h", Set.of(ControlFlag.WAIT));
        assertThat(resultOf(queued).status()).isEqualTo(ProgressStatus.CANCELED);
        assertThat(resultOf(running).status()).isEqualTo(ProgressStatus.CANCELED);
        assertThat(handler.calls).hasSize(1);
    }
}
