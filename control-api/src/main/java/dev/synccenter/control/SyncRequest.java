package dev.synccenter.control;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** An accepted start request: its ID and a handle on its single result (C5, C17). */
@ProviderType
public interface SyncRequest {

    /** The request's ID, unique while the platform runs; handlers see it in {@code synchronize}. */
    long id();

    /** The handler the request is for. */
    String handlerId();

    /**
     * Completes exactly once, with the same result the listener gets. The stage cannot be
     * completed by the caller.
     */
    CompletionStage<SyncResult> result();
}
