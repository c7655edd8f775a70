package dev.synccenter.handler.testing;

import dev.synccenter.control.ProgressStatus;

/**
 * One progress report of an item, as the handler made it ({@code reportProgress}, or a
 * {@code reportFailure}, which reports FAILED with the failure's reason as text).
 */
public record Report(String text, ProgressStatus status, long step, long maxStep) {
}
