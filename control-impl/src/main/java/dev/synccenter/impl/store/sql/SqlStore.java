package dev.synccenter.impl.store.sql;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.HistoryFilter;
import dev.synccenter.impl.store.Pruned;
import dev.synccenter.impl.store.Retention;
import dev.synccenter.impl.store.StateKey;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoreException;
import dev.synccenter.impl.store.StoreHealth;
import dev.synccenter.impl.store.StoredBackoff;
import dev.synccenter.impl.store.StoredRequest;
import dev.synccenter.impl.store.StoredSchedule;
import dev.synccenter.impl.store.SyncStore;

/**
 * The store on a JDBC database, SQLite or PostgreSQL: group-commit writers, each with its own
 * connection ({@link StoreWriters}: one on SQLite, two on PostgreSQL), and a reader connection
 * beside them. It takes a {@link DataSource} and opens its connections itself (no pool: SQLite has
 * a single writer, and two or three connections serve the engine).
 */
public final class SqlStore implements SyncStore {

    private final String name;
    private final Clock clock;
    private final StoreSettings settings;
    private final ChangeWriter changes;
    private final StoreWriters writers;
    private final ReadConnection reader;

    private SqlStore(DataSource dataSource, StoreSettings settings, Clock clock) {
        Dialect dialect = Dialect.forUrl(settings.url());
        this.name = dialect.title() + " store " + settings.safeUrl();
        this.clock = clock;
        this.settings = settings;
        this.changes = new ChangeWriter(clock, dialect);
        GroupCommitWriter.BatchWork apply = (items, c) -> changes.applyAll(asChanges(items), c);
        GroupCommitWriter.Opener opener = () -> openWriter(dataSource, dialect);
        this.writers = new StoreWriters(new GroupCommitWriter(name, "sync-store-writer", dialect, opener, settings, clock,
                apply), dialect == Dialect.POSTGRESQL ? new GroupCommitWriter(name, "sync-store-intake", dialect, opener,
                        settings, clock, apply) : null);
        this.reader = new ReadConnection(name, dataSource, dialect, settings);
    }

    /**
     * Opens the store on a data source whose URL is {@code settings.url()}: migrates its schema and
     * starts the writers. A database that cannot be reached gives a store that is failing and
     * retries by itself (C40).
     *
     * @throws StoreException when the schema is newer than this code knows
     */
    /**
     * Opens a store by JDBC URL in a plain JVM, with the default settings for it: a SQLite file
     * ({@code jdbc:sqlite:/path/sync-center.db}) or a PostgreSQL database. Inside OSGi, use
     * {@link SqlStores}, which goes through the driver's DataSourceFactory.
     */
    public static SqlStore open(String url) {
        return open(new UrlDataSource(url), StoreSettings.forUrl(url));
    }

    public static SqlStore open(DataSource dataSource, StoreSettings settings) {
        return open(dataSource, settings, Clock.systemUTC());
    }

    /** As {@link #open(DataSource, StoreSettings)}, with the clock that times retention and states. */
    public static SqlStore open(DataSource dataSource, StoreSettings settings, Clock clock) {
        SqlStore store = new SqlStore(dataSource, settings, clock);
        store.writers.start(false);
        return store;
    }

    /**
     * As {@link #open(DataSource, StoreSettings)}, but a database that cannot be reached fails the
     * opening instead of giving a failing store: for a caller that retries by itself and hands out
     * only a store that works (the OSGi component, which logs the failure once).
     *
     * @throws StoreException naming the store and the database's reason
     */
    public static SqlStore openConnected(DataSource dataSource, StoreSettings settings) {
        SqlStore store = new SqlStore(dataSource, settings, Clock.systemUTC());
        store.writers.start(true);
        return store;
    }

    /** A writer connection: configured, migrated, and this node's heartbeat written. */
    private PreparedConnection openWriter(DataSource dataSource, Dialect dialect) throws SQLException {
        PreparedConnection c = new PreparedConnection(dataSource.getConnection());
        try {
            dialect.configure(c.connection(), true, settings);
            Migrations.run(c.connection(), dialect, name, clock.instant());
            dialect.begin(c.connection());
            AdminWrites.heartbeat(c, settings.nodeId(), clock.instant());
            dialect.commit(c.connection());
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long reserveRequestIds(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
        return await("a block of " + count + " request IDs",
                writers.submitToIntake("a block of " + count + " request IDs",
                        c -> AdminWrites.reserveRequestIds(c, count)));
    }

    @Override
    public CompletableFuture<Void> submit(StoreChange change) {
        Objects.requireNonNull(change, "change");
        return writers.submit(change, describe(change));
    }

    /** The writer's items are the changes submitted above, and only those. */
    @SuppressWarnings("unchecked")
    private static List<StoreChange> asChanges(List<Object> items) {
        return (List<StoreChange>) (List<?>) items;
    }

    @Override
    public List<StoredRequest> unfinished(long afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return reader.read("the unfinished requests after " + afterId, c -> SqlReads.unfinished(c, afterId, limit));
    }

    @Override
    public List<AuditEntry> audit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return reader.read("the audit trail", c -> SqlReads.audit(c, limit));
    }

    @Override
    public Optional<SyncResult> result(long requestId) {
        return reader.read("the result of request " + requestId, c -> SqlReads.result(c, requestId));
    }

    @Override
    public List<SyncResult> history(HistoryFilter query) {
        Objects.requireNonNull(query, "query");
        return reader.read("the history", c -> SqlReads.history(c, query));
    }

    @Override
    public List<SyncEvent> events(EventFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return reader.read("the events", c -> SqlReads.events(c, filter));
    }

    @Override
    public List<StoredBackoff> backoffs() {
        return reader.read("the items in backoff", SqlReads::backoffs);
    }

    @Override
    public List<StoredSchedule> schedules() {
        return reader.read("the schedules", SqlReads::schedules);
    }

    @Override
    public Map<StateKey, Boolean> states() {
        return reader.read("the handler and item states", SqlReads::states);
    }

    @Override
    public Pruned prune(Retention retention) {
        Objects.requireNonNull(retention, "retention");
        return await("pruning the history", writers.submit("pruning the history",
                c -> AdminWrites.prune(c, retention, clock.instant())));
    }

    @Override
    public StoreHealth health() {
        return writers.health();
    }

    /** What the writers did so far: commits against changes shows how much group commit saves. */
    public WriterStats stats() {
        return writers.stats();
    }

    @Override
    public void close() {
        writers.close();
        reader.close();
    }

    @Override
    public String toString() {
        return name;
    }

    private <T> T await(String what, CompletableFuture<T> future) {
        try {
            return future.get(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new StoreException(cause.getMessage(), cause); // this caller's stack, the writer's cause
        } catch (TimeoutException e) {
            throw new StoreException(name + ": " + what + " was not written within " + settings.callTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(name + ": interrupted while waiting for " + what);
        }
    }

    /** A change in a few words, for messages: its kind and the request, item or event it is about. */
    static String describe(StoreChange change) {
        String kind = change.getClass().getSimpleName();
        if (change instanceof StoreChange.RequestAccepted a) {
            return kind + " of request " + a.requestId();
        } else if (change instanceof StoreChange.ItemsResolved r) {
            return kind + " of request " + r.requestId();
        } else if (change instanceof StoreChange.ItemStarted s) {
            return kind + " of item '" + s.itemId() + "' of request " + s.requestId();
        } else if (change instanceof StoreChange.ItemFinished f) {
            return kind + " of item '" + f.itemId() + "' of request " + f.requestId();
        } else if (change instanceof StoreChange.ItemDeferred d) {
            return kind + " of item '" + d.itemId() + "' of request " + d.requestId();
        } else if (change instanceof StoreChange.BackoffSet b) {
            return kind + " of " + b.backoff().handlerId() + "/" + b.backoff().itemId();
        } else if (change instanceof StoreChange.BackoffCleared b) {
            return kind + " of " + b.handlerId() + "/" + b.itemId();
        } else if (change instanceof StoreChange.ScheduleSaved v) {
            return kind + " of schedule '" + v.schedule().spec().id() + "'";
        } else if (change instanceof StoreChange.ScheduleRemoved r) {
            return kind + " of schedule '" + r.scheduleId() + "'";
        } else if (change instanceof StoreChange.RequestFinished f) {
            return kind + " of request " + f.result().requestId();
        } else if (change instanceof StoreChange.EventReported e) {
            return kind + " " + e.event().id();
        } else if (change instanceof StoreChange.StateChanged s) {
            return kind + " " + s.key().what() + " of " + s.key().handlerId()
                    + (s.key().itemId() == null ? "" : "/" + s.key().itemId());
        }
        return kind;
    }
}
