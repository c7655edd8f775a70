package dev.synccenter.handler.testing;

import dev.synccenter.control.EventLevel;

/**
 * An event of the session: reported by the handler ({@code reportEvent}), or added as the platform
 * adds it: the exception {@code synchronize} threw (C15), the error event of a FAILED item that has
 * none (C18).
 *
 * @param itemId the item, or null for an event about the handler
 * @param byPlatform true for an event the platform adds, false for the handler's own
 */
public record Event(String itemId, EventLevel level, String name, String description, String linkText,
        String linkReference, String context, boolean byPlatform) {
}
