package dev.synccenter.control;

import java.time.Instant;
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
 * @param acceptedAt when the start call accepted the request; null only in results built by the
 *     shorter constructor
 * @param startedAt when the first session that synced one of its items started; null when none did
 *     (the request was stopped, or ended, before any of its items ran)
 * @param finishedAt when its last item became final and this result was made
 * @param servedBy the handler bundle (symbolic name and version) whose service ran its items, or
 *     several separated by ", " when the bundle was replaced during the request (C27); null when no
 *     session ran
 * @param attempts how many sessions started each item (C43), in request order; 0 for an item that
 *     never ran (skipped, stopped while queued); empty in results built without it
 * @since 1.1.0 for the timestamps and {@code servedBy}; 1.3.0 for {@code attempts}
 */
public record SyncResult(long requestId, String handlerId, ProgressStatus status, int errorCount,
        int conflictCount, Map<String, ProgressStatus> items, String reason, Instant acceptedAt,
        Instant startedAt, Instant finishedAt, String servedBy, Map<String, Integer> attempts) {

    public SyncResult {
        Objects.requireNonNull(handlerId, "handlerId");
        Objects.requireNonNull(status, "status");
        items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
        attempts = attempts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attempts));
    }

    /** A result without attempts, as results were before 1.3.0. */
    public SyncResult(long requestId, String handlerId, ProgressStatus status, int errorCount, int conflictCount,
            Map<String, ProgressStatus> items, String reason, Instant acceptedAt, Instant startedAt,
            Instant finishedAt, String servedBy) {
        this(requestId, handlerId, status, errorCount, conflictCount, items, reason, acceptedAt, startedAt,
                finishedAt, servedBy, Map.of());
    }

    /** How many sessions started an item of this request; 0 when it never ran or is not known. */
    public int attemptsOf(String itemId) {
        return attempts.getOrDefault(itemId, 0);
    }

    /** A result without timestamps or bundle, as results were before 1.1.0. */
    public SyncResult(long requestId, String handlerId, ProgressStatus status, int errorCount, int conflictCount,
            Map<String, ProgressStatus> items, String reason) {
        this(requestId, handlerId, status, errorCount, conflictCount, items, reason, null, null, null, null,
                Map.of());
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
