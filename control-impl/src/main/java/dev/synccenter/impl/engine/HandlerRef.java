package dev.synccenter.impl.engine;

import java.util.Comparator;

import dev.synccenter.handler.SyncHandler;

/**
 * One registered handler service, as the engine sees it.
 *
 * @param serviceId the service's {@code service.id}: the key, since a bundle update registers a new
 *     service with a new ID
 * @param ranking its {@code service.ranking}
 * @param handlerId its handler ID property, not yet checked
 * @param bundle symbolic name and version of the bundle that registered it
 */
public record HandlerRef(long serviceId, int ranking, String handlerId, String bundle, SyncHandler handler) {

    /** C3: the higher ranking serves, then the lower service ID. */
    public static final Comparator<HandlerRef> SERVING_ORDER = Comparator.comparingInt(HandlerRef::ranking)
            .reversed().thenComparingLong(HandlerRef::serviceId);

    @Override
    public String toString() {
        return "service " + serviceId + " of " + bundle + " (ranking " + ranking + ")";
    }
}
