package dev.synccenter.handler.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * When the harness asks the handler to cancel, as an operator's stop would (C20, C21): the whole
 * session after so many progress reports of the session, an item after so many of its own reports
 * (0: from the start).
 */
final class CancelScript {

    private final Map<String, Integer> itemAfter = new HashMap<>();
    private Integer allAfter;

    void cancelItemAfter(String itemId, int reports) {
        itemAfter.put(itemId, reports);
    }

    void cancelAllAfter(int reports) {
        allAfter = reports;
    }

    boolean cancelsItemAfter(String itemId, int reports) {
        Integer after = itemAfter.get(itemId);
        return after != null && reports >= after;
    }

    boolean cancelsAllAfter(int reports) {
        return allAfter != null && reports >= allAfter;
    }

    CancelScript copy() {
        CancelScript copy = new CancelScript();
        copy.itemAfter.putAll(itemAfter);
        copy.allAfter = allAfter;
        return copy;
    }
}
