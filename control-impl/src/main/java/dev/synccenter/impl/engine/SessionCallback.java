package dev.synccenter.impl.engine;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.Limits;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.handler.CancelRequest;
import dev.synccenter.handler.ItemFailure;
import dev.synccenter.handler.PendingItems;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncItem;
import dev.synccenter.impl.metadata.ItemMetadata;
import dev.synccenter.impl.metadata.MetadataReader;
import dev.synccenter.impl.validate.Args;

/**
 * What a handler gets in {@code synchronize} (C13). Each call takes the engine's lock briefly and
 * calls nothing foreign under it. Once the session has ended (returned or abandoned, C22), calls
 * are ignored: reports answer CANCEL_ALL, queries answer "stop" or nothing.
 */
final class SessionCallback implements SyncCallback {

    private final EngineLock lock;
    private final Reporter reporter;
    private final Sessions sessions;
    private final Session session;
    private final Supplier<EngineSettings> settings;

    SessionCallback(EngineLock lock, Reporter reporter, Sessions sessions, Session session,
            Supplier<EngineSettings> settings) {
        this.lock = lock;
        this.reporter = reporter;
        this.sessions = sessions;
        this.session = session;
        this.settings = settings;
    }

    @Override
    public CancelRequest reportProgress(String itemId, String text, ProgressStatus status, long step, long maxStep) {
        if (itemId == null) {
            throw new IllegalArgumentException("itemId: must not be null");
        }
        if (status == null) {
            throw new IllegalArgumentException("status: must not be null");
        }
        if (!status.isReportable()) {
            throw new IllegalArgumentException("status: " + status + " is set by the platform, not reported");
        }
        String cut = Args.cut(text, Limits.MAX_PROGRESS_TEXT_LENGTH);
        return lock.call(() -> {
            if (session.ended) {
                return CancelRequest.CANCEL_ALL;
            }
            SessionItem si = session.items.get(itemId);
            if (si == null) {
                throw new IllegalArgumentException("itemId: '" + itemId + "' is not in this session (C14)");
            }
            if (si.status.isFinal() && status != ProgressStatus.FAILED) {
                // C14: after a final status only FAILED is accepted; anything else fails the item.
                String message = "illegal progress transition " + si.status + " -> " + status + " for item '"
                        + itemId + "' (C14)";
                si.status = ProgressStatus.FAILED;
                si.failReason = "The handler reported an " + message + ".";
                fireProgress(si.progress());
                throw new IllegalStateException(message);
            }
            si.status = status;
            si.text = cut;
            if (status == ProgressStatus.UPDATING) {
                si.step = Math.max(0, step);
                si.maxStep = Math.max(0, maxStep);
            }
            ItemProgress progress = si.progress();
            fireProgress(progress);
            return answer(si);
        });
    }

    @Override
    public CancelRequest reportFailure(String itemId, ItemFailure failure) {
        if (itemId == null) {
            throw new IllegalArgumentException("itemId: must not be null");
        }
        if (failure == null) {
            throw new IllegalArgumentException("failure: must not be null");
        }
        String reason = Args.cut(failure.reason(), Limits.MAX_PROGRESS_TEXT_LENGTH);
        ItemFailure kept = new ItemFailure(failure.kind(), reason, failure.notBefore());
        return lock.call(() -> {
            if (session.ended) {
                return CancelRequest.CANCEL_ALL;
            }
            SessionItem si = session.items.get(itemId);
            if (si == null) {
                throw new IllegalArgumentException("itemId: '" + itemId + "' is not in this session (C14)");
            }
            si.status = ProgressStatus.FAILED; // C14: FAILED is accepted after any status
            si.failure = kept;
            si.failReason = reason.isEmpty() ? null : reason;
            si.text = reason;
            fireProgress(si.progress());
            return answer(si);
        });
    }

    @Override
    public CancelRequest setHandlerProgressText(String text) {
        String cut = Args.cut(text, Limits.MAX_PROGRESS_TEXT_LENGTH);
        return lock.call(() -> {
            if (session.ended) {
                return CancelRequest.CANCEL_ALL;
            }
            session.progressText = cut;
            reporter.fire(l -> l.handlerProgress(session.slot.id, session.id, cut));
            return session.cancelAll ? CancelRequest.CANCEL_ALL : CancelRequest.NONE;
        });
    }

    @Override
    public UUID reportEvent(String itemId, EventLevel level, String name, String description, String linkText,
            String linkReference, String context) {
        if (level == null) {
            throw new IllegalArgumentException("level: must not be null");
        }
        if (itemId != null && Args.idProblem(itemId) != null) {
            throw new IllegalArgumentException("itemId: " + Args.idProblem(itemId));
        }
        return lock.call(() -> {
            if (session.ended) {
                return UUID.randomUUID(); // C22: whatever an abandoned session reports is ignored
            }
            int bound = settings.get().eventsPerSession();
            if (++session.eventsReported > bound) {
                throw new IllegalStateException("this session reported more than " + bound
                        + " events, the bound events.per.session; this one is not kept (C41)");
            }
            return reporter.sessionEvent(session, itemId, level, name == null ? "" : name, description, linkText,
                    linkReference, context);
        });
    }

    @Override
    public boolean canContinue(String itemId) {
        return lock.call(() -> {
            if (session.ended) {
                return false;
            }
            if (itemId == null || itemId.isEmpty()) {
                return !session.cancelAll;
            }
            SessionItem si = session.items.get(itemId);
            if (si == null) {
                throw new IllegalArgumentException("itemId: '" + itemId + "' is not in this session");
            }
            return !session.cancelAll && !si.cancelRequested;
        });
    }

    @Override
    public PendingItems queryForAdditionalItems() {
        return lock.call(() -> session.ended ? new PendingItems(List.of(), List.of())
                : session.slot.pendingBehind(session));
    }

    @Override
    public void addItemToSession(String itemId) {
        String problem = Args.idProblem(itemId);
        if (problem != null) {
            throw new IllegalArgumentException("itemId: " + problem);
        }
        lock.call(() -> {
            if (session.ended) {
                return null;
            }
            if (session.items.containsKey(itemId)) {
                throw new IllegalArgumentException("itemId: '" + itemId + "' is already in this session (C16)");
            }
            sessions.addItem(session, itemId);
            return null;
        });
    }

    @Override
    public void proposeItem(SyncItem item) {
        if (item == null) {
            throw new IllegalArgumentException("item: must not be null");
        }
        // The handler calls this on its own thread, so reading its item here runs no code on ours.
        ItemMetadata read = MetadataReader.readItem(session.slot.id, item);
        if (read == null) {
            throw new IllegalArgumentException("item: has no valid ID or no name (C1, C32)");
        }
        lock.call(() -> {
            if (session.ended) {
                return null;
            }
            if (session.slot.metadata.items().containsKey(read.id()) || session.proposed.containsKey(read.id())) {
                throw new IllegalArgumentException("item: an item '" + read.id() + "' exists already");
            }
            session.proposed.put(read.id(), read);
            return null;
        });
    }

    @Override
    public void commitItem(String itemId) {
        lock.call(() -> {
            if (session.ended) {
                return null;
            }
            if (session.items.containsKey(itemId)) {
                throw new IllegalArgumentException("itemId: '" + itemId + "' is already part of this session");
            }
            ItemMetadata proposed = session.proposed.remove(itemId);
            if (proposed == null) {
                throw new IllegalArgumentException("itemId: '" + itemId + "' was not proposed first");
            }
            sessions.commit(session, proposed);
            return null;
        });
    }

    /** Accepted and ignored: Sync Center documents no effect for it, and this platform has none. */
    @Override
    public void reportManualSync() {
    }

    private void fireProgress(ItemProgress progress) {
        reporter.fire(l -> l.itemProgress(session.slot.id, session.id, progress));
    }

    private CancelRequest answer(SessionItem si) {
        if (session.cancelAll) {
            return CancelRequest.CANCEL_ALL;
        }
        return si.cancelRequested ? CancelRequest.CANCEL_ITEM : CancelRequest.NONE;
    }
}
