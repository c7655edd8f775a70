package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.HandlerPolicy;
import dev.synccenter.control.HandlerType;
import dev.synccenter.control.ItemPolicy;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRefusedException.Reason;
import dev.synccenter.impl.engine.Policies.Switch;
import dev.synccenter.impl.metadata.HandlerMetadata;
import dev.synccenter.impl.metadata.ItemMetadata;
import dev.synccenter.impl.state.StateStore;

/** Who may do what, and whose state counts, on slots built by hand (no engine, no threads). */
class PoliciesTest {

    private final EngineLock lock = new EngineLock();
    private final StateStore states = StateStore.inMemory();
    private final Policies policies = new Policies(lock, states);

    private static HandlerSlot slot(Boolean ownActive, Boolean ownEnabled, Set<HandlerPolicy> handlerPolicies,
            ItemMetadata... items) {
        Map<String, ItemMetadata> byId = new java.util.LinkedHashMap<>();
        for (ItemMetadata item : items) {
            byId.put(item.id(), item);
        }
        HandlerSlot slot = new HandlerSlot("h");
        slot.metadata = new HandlerMetadata("Handler", null, HandlerType.UNSPECIFIED, "", "", null, ownActive,
                ownEnabled, true, Set.of(), handlerPolicies, byId);
        slot.metadataCurrent = true;
        return slot;
    }

    private static ItemMetadata item(String id, ItemPolicy... itemPolicies) {
        return new ItemMetadata(id, "Item " + id, "", "", null, null, true, Set.of(), Set.of(itemPolicies), null);
    }

    private <T> T locked(java.util.function.Supplier<T> body) {
        return lock.call(body);
    }

    // C29
    @Test
    void c29_theHandlersOwnStateWinsOverThePlatforms() {
        states.setHandlerEnabled("h", true);
        assertThat(policies.enabled(slot(null, false, Set.of()))).isFalse();
        assertThat(policies.enabled(slot(null, null, Set.of()))).isTrue();
        states.setHandlerEnabled("h", false);
        assertThat(policies.enabled(slot(null, true, Set.of()))).isTrue();
        assertThat(policies.enabled(slot(null, null, Set.of()))).isFalse();
    }

    // C7, C29, C30
    @Test
    void c7_aStartIsRefusedWithTheReasonThatApplies() {
        assertThatThrownBy(() -> lock.run(() -> policies.refuseStart(slot(false, true, Set.of()))))
                .isInstanceOf(SyncRefusedException.class).hasMessageContaining("inactive (C30)")
                .extracting(e -> ((SyncRefusedException) e).reason()).isEqualTo(Reason.HANDLER_INACTIVE);
        assertThatThrownBy(() -> lock.run(() -> policies.refuseStart(slot(true, false, Set.of()))))
                .extracting(e -> ((SyncRefusedException) e).reason()).isEqualTo(Reason.HANDLER_DISABLED);
        assertThatThrownBy(() -> lock.run(() -> policies.refuseStart(
                slot(true, true, Set.of(HandlerPolicy.DISABLE_START_SYNC)))))
                .extracting(e -> ((SyncRefusedException) e).reason()).isEqualTo(Reason.POLICY);
        assertThatCode(() -> lock.run(() -> policies.refuseStart(slot(true, true, Set.of())))).doesNotThrowAnyException();
    }

    // C7, C23
    @Test
    void c7_itemsAreCheckedAgainstTheirPoliciesAndNamedByIndex() {
        HandlerSlot slot = slot(null, null, Set.of(), item("a"), item("b", ItemPolicy.PREVENT_STOP_SYNC));
        assertThatThrownBy(() -> lock.run(() -> policies.checkStartItems(slot, List.of("a", "zz"))))
                .isInstanceOf(SyncArgumentException.class).hasMessageStartingWith("itemIds[1]: ");
        assertThatCode(() -> lock.run(() -> policies.checkStartItems(slot, List.of("a", "b"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> lock.run(() -> policies.checkStopItems(slot, List.of("b"))))
                .hasMessageContaining("does not allow stopping a sync (policy, C23)");
    }

    // C29, C30
    @Test
    void c29_eachSwitchFollowsItsOwnPolicies() {
        HandlerSlot noDisable = slot(null, null, Set.of(HandlerPolicy.PREVENT_DISABLE));
        assertThatThrownBy(() -> lock.run(() -> policies.checkSwitch(noDisable, Switch.ENABLE, false)))
                .hasMessageContaining("does not allow disabling (policy, C29)");
        assertThatCode(() -> lock.run(() -> policies.checkSwitch(noDisable, Switch.ENABLE, true)))
                .doesNotThrowAnyException();
        assertThatCode(() -> lock.run(() -> policies.checkSwitch(noDisable, Switch.ACTIVATE, false)))
                .as("PREVENT_DISABLE says nothing about deactivation").doesNotThrowAnyException();
        HandlerSlot noDeactivate = slot(null, null, Set.of(HandlerPolicy.PREVENT_DEACTIVATE));
        assertThatThrownBy(() -> lock.run(() -> policies.checkSwitch(noDeactivate, Switch.ACTIVATE, false)))
                .hasMessageContaining("does not allow deactivation (policy, C30)");
    }

    // C8
    @Test
    void c8_syncAllSkipsParkedAndUnstartableHandlers() {
        HandlerSlot serving = slot(true, true, Set.of());
        serving.serving = new HandlerRef(1, 0, "h", "b 1", (dev.synccenter.handler.SyncHandler) null);
        assertThat(locked(() -> policies.allowsSyncAll(serving))).isTrue();
        HandlerSlot parked = slot(true, true, Set.of());
        assertThat(locked(() -> policies.allowsSyncAll(parked))).as("parked").isFalse();
        HandlerSlot prevented = slot(true, true, Set.of(HandlerPolicy.PREVENT_START_SYNC));
        prevented.serving = serving.serving;
        assertThat(locked(() -> policies.allowsSyncAll(prevented))).isFalse();
    }

    // C35
    @Test
    void c35_nothingStartsOnceStopping() {
        lock.run(policies::refuseIfStopping);
        lock.run(policies::beginStopping);
        assertThatThrownBy(() -> lock.run(policies::refuseIfStopping)).isInstanceOf(SyncRefusedException.class)
                .extracting(e -> ((SyncRefusedException) e).reason()).isEqualTo(Reason.SHUTTING_DOWN);
    }
}
