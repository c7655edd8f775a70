package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.List;

import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.ProgressStatus;

/** One item in a running session: its progress state machine (C14) and who waits on it. */
final class SessionItem {

    final String itemId;
    ProgressStatus status = ProgressStatus.PENDING;
    String text = "";
    long step;
    long maxStep;
    boolean cancelRequested;
    int errors;
    String failReason;
    final List<Request> subscribers = new ArrayList<>();

    SessionItem(String itemId) {
        this.itemId = itemId;
    }

    ItemProgress progress() {
        return new ItemProgress(itemId, status, text, step, maxStep);
    }
}
