package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.synccenter.control.HandlerAvailability;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.HandlerType;
import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.ItemSnapshot;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.WaitingItem;
import dev.synccenter.impl.metadata.HandlerMetadata;
import dev.synccenter.impl.metadata.ItemMetadata;

/** Builds the immutable views consoles and listeners see. Called under the engine's lock. */
final class Snapshots {

    private Snapshots() {
    }

    /** A handler's view, or null if it is not listed (C32). */
    static HandlerSnapshot handler(Policies policies, HandlerSlot slot) {
        HandlerMetadata md = slot.metadata;
        boolean readable = md != null && md.listed();
        if (!slot.parked() && !readable || slot.parked() && slot.parkExpired) {
            return null;
        }
        List<ItemSnapshot> items = new ArrayList<>();
        if (readable) {
            for (ItemMetadata item : md.items().values()) {
                items.add(new ItemSnapshot(item.id(), item.name(), item.typeLabel(), item.comment(),
                        item.lastSyncTime() != null ? item.lastSyncTime() : slot.itemLastSync.get(item.id()),
                        policies.itemEnabled(slot, item), item.connected(), item.capabilities(), item.policies(),
                        slot.syncing(item.id())));
            }
        }
        // Until the serving service's metadata is read, show the service the shown metadata came from.
        HandlerRef ref = slot.parked() ? null : slot.metadataCurrent ? slot.serving : slot.metadataFrom;
        return new HandlerSnapshot(slot.id, readable ? md.name() : slot.id,
                readable ? md.type() : HandlerType.UNSPECIFIED, readable ? md.typeLabel() : "",
                readable ? md.comment() : "",
                readable && md.lastSyncTime() != null ? md.lastSyncTime() : slot.lastSyncTime,
                policies.active(slot), policies.enabled(slot), !readable || md.connected(),
                readable ? md.capabilities() : Set.of(), readable ? md.policies() : Set.of(),
                items, slot.parked() ? HandlerAvailability.PARKED : HandlerAvailability.SERVING,
                ref == null ? slot.lastBundle : ref.bundle(), ref == null ? 0 : ref.serviceId(),
                Math.max(0, slot.services.size() - 1), slot.queue.size(), slot.sessions.size());
    }

    /** Where a request is: cheap enough to filter millions by. */
    static RequestPhase phase(Request r, HandlerSlot slot) {
        if (r.finalResult() != null) {
            return RequestPhase.DONE;
        } else if (r.anyRunning()) {
            return RequestPhase.RUNNING;
        } else if (r.pending > 0 && r.waiting().size() == r.pending) {
            return RequestPhase.WAITING; // every unfinished item waits for a retry (C43)
        } else if (slot == null || slot.parked()) {
            return RequestPhase.PARKED;
        }
        return RequestPhase.QUEUED;
    }

    static RequestSnapshot request(Request r, HandlerSlot slot) {
        List<ItemProgress> items = new ArrayList<>();
        for (int i = 0; i < r.itemCount(); i++) {
            String itemId = r.itemAt(i);
            ProgressStatus status = r.statusAt(i);
            SessionItem si = r.runningItem(itemId);
            if (status.isFinal()) {
                ItemProgress last = r.lastProgress(itemId);
                items.add(last != null ? new ItemProgress(itemId, status, last.text(), last.step(), last.maxStep())
                        : new ItemProgress(itemId, status, "", 0, 0));
            } else if (si != null) {
                items.add(si.progress());
            } else {
                items.add(new ItemProgress(itemId, ProgressStatus.PENDING, "", 0, 0));
            }
        }
        List<WaitingItem> waiting = new ArrayList<>(0);
        r.waiting().forEach((itemId, b) -> waiting.add(new WaitingItem(itemId, r.attempts(itemId), b.retryAt, b.reason)));
        waiting.sort(java.util.Comparator.comparing(WaitingItem::itemId));
        return new RequestSnapshot(r.id, r.handlerId, r.kind, r.flags, phase(r, slot), r.acceptedAt(), r.startedAt(),
                items, r.finalResult(), r.servedBy(), waiting);
    }

    /**
     * A request known only from the store's history (C38): its result says all there is; kind and
     * flags are not kept with results, so a snapshot built from one has none.
     */
    static RequestSnapshot finished(SyncResult result) {
        List<ItemProgress> items = new ArrayList<>();
        result.items().forEach((itemId, status) -> items.add(new ItemProgress(itemId, status, "", 0, 0)));
        return new RequestSnapshot(result.requestId(), result.handlerId(), null, Set.of(), RequestPhase.DONE,
                result.acceptedAt(), result.startedAt(), items, result, result.servedBy());
    }
}
