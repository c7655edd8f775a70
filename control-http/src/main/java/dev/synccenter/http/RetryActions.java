package dev.synccenter.http;

import java.util.List;

import dev.synccenter.control.BackoffSnapshot;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncControl;
import dev.synccenter.http.Route.Prepared;
import dev.synccenter.http.Route.Reply;

/**
 * Items in backoff after transient failures (C43): the list, and an operator's "retry now" and
 * "give up". A backoff is named by its path ({@code /backoffs/{handler}/{item}}), so one that is not
 * there is a 404, as any other resource a path names; the control service's own word for it (a
 * {@code SyncArgumentException} naming {@code itemId}) is only heard when the backoff ended between
 * the check and the call, and becomes the same 404.
 */
final class RetryActions {

    private RetryActions() {
    }

    /** Backoffs by handler and item, optionally of one handler, paged. */
    static Prepared backoffs(Call c) {
        String handler = c.query.id("handler");
        Page page = new Page(c.query, 100);
        return new Prepared("", () -> {
            List<BackoffSnapshot> all = c.control.backoffs().stream()
                    .filter(b -> handler == null || b.handlerId().equals(handler)).toList();
            return Reply.ok(page.of(all, Json::backoff));
        });
    }

    static Prepared retryNow(Call c) {
        return operate(c, SyncControl::retryNow);
    }

    static Prepared giveUp(Call c) {
        return operate(c, SyncControl::giveUp);
    }

    private static Prepared operate(Call c, Operation operation) {
        String handlerId = c.handlerId();
        String itemId = c.itemId();
        boolean inBackoff = c.control.backoffs().stream()
                .anyMatch(b -> b.handlerId().equals(handlerId) && b.itemId().equals(itemId));
        if (!inBackoff) {
            throw notInBackoff(handlerId, itemId);
        }
        return new Prepared(HandlerActions.target(handlerId, List.of(itemId)), () -> {
            try {
                operation.accept(c.control, handlerId, itemId);
            } catch (SyncArgumentException e) {
                if (e.argument().equals("itemId")) {
                    throw notInBackoff(handlerId, itemId); // it ended meanwhile: a success, or another operator
                }
                throw e;
            }
            return Reply.noContent();
        });
    }

    private static ApiException notInBackoff(String handlerId, String itemId) {
        return ApiException.notFound("item", "item: item '" + Text.clean(itemId) + "' of handler '"
                + Text.clean(handlerId) + "' is not in backoff");
    }

    /** {@code retryNow} or {@code giveUp} of the control service. */
    @FunctionalInterface
    private interface Operation {
        void accept(SyncControl control, String handlerId, String itemId);
    }
}
