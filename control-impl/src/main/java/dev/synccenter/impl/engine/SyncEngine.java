package dev.synccenter.impl.engine;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.synccenter.control.BackoffSnapshot;
import dev.synccenter.control.ConflictChoice;
import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.ResolutionOutcome;
import dev.synccenter.control.ScheduleSnapshot;
import dev.synccenter.control.ScheduleSnapshot.Origin;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.EventFilter;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.HistoryFilter;
import dev.synccenter.control.RequestFilter;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.metrics.MetricsSnapshot;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncListener;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.SyncResultListener;
import dev.synccenter.impl.engine.Policies.Switch;
import dev.synccenter.impl.state.StateStore;
import dev.synccenter.impl.store.ContextCodec;
import dev.synccenter.impl.store.SyncStore;
import dev.synccenter.impl.validate.Args;

/**
 * The sync engine (C3 to C35), as a facade over its parts: it validates arguments, takes the one
 * {@link EngineLock} once, delegates, and runs what the parts collected (metadata reads, calls that
 * tell a handler about a change) after unlocking.
 *
 * <p>The parts, each with one job, are listed in docs/ARCHITECTURE.md ("The engine's parts"); the
 * constructor wires them, with no framework, so the engine is testable with {@code new}.
 *
 * <p>Nothing foreign runs under the lock: handler code runs on session threads or through the guard
 * of {@link HandlerCalls}; results and notifications are handed to other threads (enqueueing them
 * under the lock keeps their order). The engine owns its threads: {@link #close()} stops them.
 */
public final class SyncEngine implements SyncControl {

    private final EngineLock lock = new EngineLock();
    private final EngineThreads threads;
    private final Reporter reporter;
    private final Policies policies;
    private final RequestBook book;
    private final Dispatcher dispatcher;
    private final HandlerRegistry registry;
    private final MetadataLoader metadata;
    private final Intake intake;
    private final Starts starts;
    private final Queries queries;
    private final Journal journal;
    private final Pruning pruning;
    private final Switches switches;
    private final Timetable timetable;
    private final Retries retries;
    private final Schedules schedules;
    private final SchedulingControl scheduling;
    private final EngineStop stop;
    private final Stops stops;
    private final Updates updates;
    private final ConflictResolutions resolutions;
    private volatile EngineSettings settings;
    private final Clock clock;

    /**
     * An engine on a store: what the store holds without a result resumes at once (C37); the
     * handlers of those requests are parked until their services are bound (C26).
     */
    public SyncEngine(EngineSettings settings, SyncStore store) {
        this(settings, store, Clock.systemUTC());
    }

    public SyncEngine(EngineSettings settings, SyncStore store, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.threads = new EngineThreads(() -> this.settings.callTimeout());
        this.journal = new Journal(store, threads, java.time.Duration.ofSeconds(1));
        this.pruning = new Pruning(journal, threads, this::settings);
        this.reporter = new Reporter(lock, threads.notifier(), journal, pruning, clock);
        this.policies = new Policies(lock, StateStore.of(store.states()));
        this.book = new RequestBook(lock, this::settings, reporter, threads.deliveries(), journal, clock);
        this.timetable = new Timetable(lock, clock, threads);
        this.retries = new Retries(lock, this::settings, book, policies, journal, timetable, this::queued);
        Sessions sessions = new Sessions(lock, this::settings, clock, reporter, book, policies, threads,
                this::sessionEnded, retries);
        HandlerCalls calls = new HandlerCalls(lock, threads.guard());
        this.dispatcher = new Dispatcher(lock, this::settings, policies, threads, calls, reporter, sessions);
        Cancellations cancellations = new Cancellations(lock, sessions, book, reporter, retries);
        this.registry = new HandlerRegistry(lock, this::settings, threads, reporter, policies, sessions,
                cancellations);
        this.metadata = new MetadataLoader(lock, calls, registry, policies, cancellations, dispatcher, reporter,
                threads, this::canSyncAgain);
        Intake intake = new Intake(lock, registry, policies, book, dispatcher, reporter, journal, clock);
        this.intake = intake;
        this.starts = new Starts(lock, intake, journal);
        this.queries = new Queries(lock, registry, book, policies, store);
        this.switches = new Switches(lock, registry, policies, cancellations, reporter, metadata, journal,
                this::canSyncAgain);
        ScheduleRuns runs = new ScheduleRuns(lock, threads, book);
        this.schedules = new Schedules(lock, timetable, registry, policies, book, journal, reporter, runs);
        runs.wire(starts, intake, schedules);
        this.scheduling = new SchedulingControl(lock, schedules, retries, registry, journal, clock);
        this.resolutions = new ConflictResolutions(lock, registry, policies, calls, metadata, reporter);
        this.updates = new Updates(lock, registry, metadata, reporter);
        this.stops = new Stops(lock, registry, policies, cancellations, retries);
        this.stop = new EngineStop(lock, this::settings, policies, registry, sessions, dispatcher, book, timetable,
                pruning, journal, threads);
        Recovery recovery = new Recovery(lock, registry, book, dispatcher, retries);
        lock.run(() -> {
            recovery.restore(store);
            schedules.restore(store.schedules());
        });
        pruning.start();
    }

    /** Retries were queued on the slot (under the lock): the dispatcher runs them. */
    private void queued(HandlerSlot slot) {
        dispatcher.markReady(slot);
        dispatcher.dispatch();
    }

    /** C45: a handler can sync again (enabled, activated, served): held retries and schedule runs start. */
    private void canSyncAgain(HandlerSlot slot) {
        retries.resume(slot);
        schedules.resume(slot);
    }

    /** Tests that move the engine's clock call this: what fell due by it runs now (C43, C44). */
    public void clockMoved() {
        lock.run(timetable::clockMoved);
    }

    /** A session ended (under the lock): its place goes to the next, and an expired park may finish. */
    private void sessionEnded(HandlerSlot slot) {
        dispatcher.sessionEnded(slot);
        registry.dropIfExpired(slot);
        lock.signalAll();
    }

    /** Applies new settings; they take effect where each is next used. */
    public void configure(EngineSettings newSettings) {
        this.settings = newSettings;
        lock.run(() -> {
            dispatcher.dispatch();
        });
    }

    public EngineSettings settings() {
        return settings;
    }

    // ---- handler services (C3, C4, C24 to C27): called by the component's bind methods

    /** A handler service appeared: its ID is known at once (C24). Never throws and returns fast (C4). */
    public void handlerAdded(HandlerRef ref) {
        metadata.run(lock.call(() -> registry.add(ref)), false);
    }

    /** A handler service's properties changed (C24). */
    public void handlerModified(HandlerRef ref) {
        metadata.run(lock.call(() -> registry.modify(ref)), false);
    }

    /** A handler service went away: a standby serves (C25), or its requests are parked (C26). */
    public void handlerRemoved(HandlerRef ref) {
        metadata.run(lock.call(() -> registry.remove(ref)), false);
    }

    public void listenerAdded(SyncListener listener) {
        reporter.listenerAdded(listener);
    }

    public void listenerRemoved(SyncListener listener) {
        reporter.listenerRemoved(listener);
    }

    // ---- starting (C5 to C11)

    @Override
    public SyncRequest startItemSync(String handlerId, List<String> itemIds, Object context,
            Set<SyncControlFlag> flags, SyncResultListener listener) {
        Args.id("handlerId", handlerId);
        List<String> items = Args.itemIds("itemIds", itemIds);
        Set<SyncControlFlag> checkedFlags = Args.flags("flags", flags);
        ContextCodec.Encoded encoded = intake.encode(context);
        return starts.one(() -> intake.prepareItemSync(handlerId, items, context, encoded, checkedFlags, listener));
    }

    @Override
    public SyncRequest startHandlerSync(String handlerId, Object context, Set<SyncControlFlag> flags,
            SyncResultListener listener) {
        Args.id("handlerId", handlerId);
        Set<SyncControlFlag> checkedFlags = Args.flags("flags", flags);
        ContextCodec.Encoded encoded = intake.encode(context);
        return starts.one(() -> intake.prepareHandlerSync(handlerId, context, encoded, checkedFlags, listener));
    }

    @Override
    public List<SyncRequest> startSyncAll() {
        return starts.all(intake::prepareSyncAll);
    }

    // ---- stopping (C20 to C23)

    @Override
    public void stopItemSync(String handlerId, List<String> itemIds) {
        stops.items(handlerId, itemIds);
    }

    @Override
    public void stopHandlerSync(String handlerId) {
        stops.handler(handlerId);
    }

    @Override
    public void stopSyncAll() {
        stops.all();
    }

    // ---- enabling and activating (C29, C30)

    @Override
    public void enableHandler(boolean enable, String handlerId, Set<ControlFlag> flags) {
        switches.handler(Switch.ENABLE, enable, handlerId, flags);
    }

    @Override
    public void activateHandler(boolean activate, String handlerId, Set<ControlFlag> flags) {
        switches.handler(Switch.ACTIVATE, activate, handlerId, flags);
    }

    @Override
    public void enableItem(boolean enable, String handlerId, String itemId, Set<ControlFlag> flags) {
        switches.item(enable, handlerId, itemId, flags);
    }

    // ---- updates (C31, C33)

    @Override
    public void updateHandlerCollection(Set<ControlFlag> flags) {
        updates.handlerCollection(flags);
    }

    @Override
    public void updateHandler(String handlerId, Set<ControlFlag> flags) {
        updates.handler(handlerId, flags);
    }

    @Override
    public void updateItem(String handlerId, String itemId, Set<ControlFlag> flags) {
        updates.item(handlerId, itemId, flags);
    }

    @Override
    public void updateEvents(String handlerId, String itemId, Set<ControlFlag> flags) {
        updates.events(handlerId, itemId, flags);
    }

    @Override
    public void updateConflicts(String handlerId, String itemId, Set<ControlFlag> flags) {
        updates.conflicts(handlerId, itemId, flags);
    }

    // ---- queries

    @Override
    public List<HandlerSnapshot> handlers() {
        return lock.call(queries::handlers);
    }

    /** The counters and gauges of the engine, taken together under its lock (no I/O). */
    public MetricsSnapshot metrics() {
        return lock.call(() -> MetricsView.snapshot(lock, registry, book, journal, threads, clock, schedules));
    }

    @Override
    public Optional<HandlerSnapshot> handler(String handlerId) {
        Args.id("handlerId", handlerId);
        return lock.call(() -> queries.handler(handlerId));
    }

    @Override
    public List<RequestSnapshot> requests() {
        return lock.call(queries::requests);
    }

    @Override
    public List<RequestSnapshot> requests(RequestFilter filter) {
        return lock.call(() -> queries.requests(filter));
    }

    @Override
    public Optional<RequestSnapshot> request(long requestId) {
        if (requestId <= 0) {
            throw new SyncArgumentException("requestId", "must be positive, was " + requestId);
        }
        RequestSnapshot recent = lock.call(() -> queries.request(requestId));
        return recent != null ? Optional.of(recent) : queries.stored(requestId);
    }

    @Override
    public List<SyncResult> history(HistoryFilter filter) {
        return queries.history(filter);
    }

    @Override
    public List<SyncEvent> events(EventFilter filter) {
        Queries.check(filter);
        pruning.beforeListingEvents();
        return reporter.events(filter);
    }

    @Override
    public List<SyncConflict> conflicts(String handlerId, String itemId) {
        Args.optionalId("handlerId", handlerId);
        Args.optionalId("itemId", itemId);
        return lock.call(() -> queries.conflicts(handlerId, itemId));
    }

    // ---- retries and schedules (C42 to C45)

    @Override
    public List<BackoffSnapshot> backoffs() {
        return scheduling.backoffs();
    }

    @Override
    public void retryNow(String handlerId, String itemId) {
        scheduling.retryNow(handlerId, itemId);
    }

    @Override
    public void giveUp(String handlerId, String itemId) {
        scheduling.giveUp(handlerId, itemId);
    }

    @Override
    public ScheduleSnapshot putSchedule(ScheduleSpec spec) {
        return scheduling.put(spec, Origin.CONTROL);
    }

    @Override
    public boolean removeSchedule(String scheduleId) {
        return scheduling.remove(scheduleId, Origin.CONTROL);
    }

    /** A schedule from a factory configuration (C44); it replaces one from the control service with its ID. */
    public ScheduleSnapshot putConfiguredSchedule(ScheduleSpec spec) {
        return scheduling.put(spec, Origin.CONFIGURATION);
    }

    /** Its configuration went away: the schedule goes too. */
    public void removeConfiguredSchedule(String scheduleId) {
        scheduling.remove(scheduleId, Origin.CONFIGURATION);
    }

    @Override
    public List<ScheduleSnapshot> schedules() {
        return scheduling.schedules();
    }

    @Override
    public Optional<ScheduleSnapshot> schedule(String scheduleId) {
        return scheduling.schedule(scheduleId);
    }

    @Override
    public List<ResolutionOutcome> resolveConflicts(String handlerId, List<String> conflictIds,
            ConflictChoice choice, boolean applyToAll) {
        return resolutions.resolve(handlerId, conflictIds, choice, applyToAll);
    }

    /** Live sessions, for diagnostics and tests. */
    public int liveSessions() {
        return lock.call(dispatcher::liveSessions);
    }

    // ---- shutting down (C35)

    /**
     * Stops the engine (C35): see {@link EngineStop}. Returns once every session returned or was
     * abandoned, and every change is in the store. The store itself is its owner's to close.
     */
    public void close() {
        stop.stop();
    }
}
