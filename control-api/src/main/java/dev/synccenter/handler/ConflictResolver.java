package dev.synccenter.handler;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

import dev.synccenter.control.ConflictChoice;
import dev.synccenter.control.SyncConflict;

/**
 * A handler's resolution of its conflicts ({@code ISyncMgrResolutionHandler}, C46), given by
 * {@link SyncHandler#conflictResolver()}. The platform calls it on its own threads, under the
 * handler call deadline, with only the choices the conflict offers ({@link SyncConflict#abilities()}).
 * A resolution changes the handler's conflict store; the platform reads it again afterwards, and a
 * conflict stays listed until the store no longer reports it (C47). A method that throws leaves the
 * conflict listed, with an error event.
 *
 * @since 1.2.0
 */
@ConsumerType
public interface ConflictResolver {

    /** {@code KeepRecent}: keep the most recent version. */
    ResolutionFeedback keepRecent(SyncConflict conflict) throws Exception;

    /** {@code KeepItems}: keep these versions (by index in {@link SyncConflict#versions()}), renamed as given. */
    ResolutionFeedback keepItems(SyncConflict conflict, List<ConflictChoice.Kept> kept) throws Exception;

    /** {@code KeepOther}: replace the versions with another one, at {@code other}. */
    ResolutionFeedback keepOther(SyncConflict conflict, String other) throws Exception;

    /** {@code RemoveFromSyncSet}: stop syncing the item in conflict. */
    ResolutionFeedback removeFromSyncSet(SyncConflict conflict) throws Exception;
}
