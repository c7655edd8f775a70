package dev.synccenter.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The single final outcome of a request (C17, C18): Sync Center's {@code ISyncMgrSyncResult::Result}
 * arguments plus the final status of each item.
 *
 * @param requestId the request
 * @param handlerId its handler
 * @param status the aggregate: FAILED if any item failed, else CANCELED if any was canceled, else
 *     DISCONNECTED if any was disconnected, else SUCCEEDED; SKIPPED only when every item was skipped
 * @param errorCount error-level events of the request's sessions ({@code cError})
 * @param conflictCount conflicts of the request's items ({@code cConflicts})
 * @param items each item's final status, in request order
 * @param reason why the platform ended the request, when it did (for example "handler
 *     unavailable"); null when the sessions ran their course
 */
public record SyncResult(long requestId, String handlerId, ProgressStatus status, int errorCount,
        int conflictCount, Map<String, ProgressStatus> items, String reason) {

    public SyncResult {
        Objects.requireNonNull(handlerId, "handlerId");
        Objects.requireNonNull(status, "status");
        items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
    }

    /** The C18 aggregate of some final item statuses. */
    public static ProgressStatus aggregate(Iterable<ProgressStatus> itemStatuses) {
        boolean any = false, failed = false, canceled = false, disconnected = false, allSkipped = true;
        for (ProgressStatus s : itemStatuses) {
            any = true;
            failed |= s == ProgressStatus.FAILED;
            canceled |= s == ProgressStatus.CANCELED;
            disconnected |= s == ProgressStatus.DISCONNECTED;
            allSkipped &= s == ProgressStatus.SKIPPED;
        }
        if (failed) {
            return ProgressStatus.FAILED;
        }
        if (canceled) {
            return ProgressStatus.CANCELED;
        }
        if (disconnected) {
            return ProgressStatus.DISCONNECTED;
        }
        return any && allSkipped ? ProgressStatus.SKIPPED : ProgressStatus.SUCCEEDED;
    }
}
