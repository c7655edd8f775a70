package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.List;

import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.handler.ItemFailure;

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
    /** What the handler said of its failure (C42); null when it said nothing. */
    ItemFailure failure;
    /** The item was unfinished when synchronize threw: a transient failure (C42). */
    boolean threw;
    final List<Request> subscribers = new ArrayList<>();

    SessionItem(String itemId) {
        this.itemId = itemId;
    }

    ItemProgress progress() {
        return new ItemProgress(itemId, status, text, step, maxStep);
    }
}
