package dev.synccenter.impl;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import dev.synccenter.control.BackoffSnapshot;
import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.EventFilter;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.HistoryFilter;
import dev.synccenter.control.RequestFilter;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.ScheduleSnapshot;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.metrics.MetricsSnapshot;
import dev.synccenter.control.metrics.SyncMetrics;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncListener;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.SyncResultListener;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.impl.engine.EngineSettings;
import dev.synccenter.impl.engine.HandlerRef;
import dev.synccenter.impl.engine.SyncEngine;
import dev.synccenter.impl.metrics.SyncCenterMBean;
import dev.synccenter.impl.schedule.ConfiguredSchedules;
import dev.synccenter.impl.store.SyncStore;

/**
 * The control service as a DS component: tracks handler services by handler ID and listener
 * services on the whiteboard, and hands everything to the {@link SyncEngine} it owns. Its bind
 * methods validate, never throw and return fast; the engine reads handlers' metadata on its own
 * threads. The handler bind methods take the service reference only: SCR then gets no handler
 * object for them, so no handler code (a delayed component's activation) runs inside them, and the
 * engine knows the handler ID before the handler can call it (C24). The engine gets the object
 * when it first calls the handler ({@link LazyHandler}). It also serves {@link ConfiguredSchedules},
 * through which each schedule's configuration reaches the engine (C44).
 */
@Component(service = {SyncControl.class, SyncMetrics.class, ConfiguredSchedules.class}, immediate = true,
        configurationPid = SyncCenterComponent.PID)
@Designate(ocd = EngineConfig.class)
public final class SyncCenterComponent implements SyncControl, SyncMetrics, ConfiguredSchedules {

    static final String PID = "dev.synccenter.engine";
    /** The name of the handler reference, for {@link ComponentContext#locateService(String, ServiceReference)}. */
    static final String HANDLERS = "Handler";
    static final String LISTENERS = "Listener";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SyncCenterComponent.class);

    private final SyncEngine engine;
    private final ComponentContext component;
    private final SyncCenterMBean mbean;

    /**
     * Takes the raw properties, not {@link EngineConfig}: DS cannot activate a component whose
     * typed configuration fails to convert, and a bad value must cost only that value (Settings).
     * The store is a static reference: when it goes (its configuration changed, its database's
     * driver went away), the engine stops, suspending what is unfinished (C35), and starts again on
     * the next store, resuming it (C37).
     */
    @Activate
    public SyncCenterComponent(BundleContext context, ComponentContext component, Map<String, Object> properties,
            @Reference(service = SyncStore.class) SyncStore store) {
        this.component = component;
        File legacy = context.getDataFile(LegacyStates.FILE);
        if (legacy != null) {
            LegacyStates.moveInto(legacy.toPath(), store);
        }
        this.engine = new SyncEngine(settings(properties), store);
        this.mbean = new SyncCenterMBean(engine::metrics);
        mbean.register();
    }

    @Override
    public MetricsSnapshot snapshot() {
        return engine.metrics();
    }

    @Modified
    void modified(Map<String, Object> properties) {
        engine.configure(settings(properties));
    }

    private static EngineSettings settings(Map<String, Object> properties) {
        EngineSettings settings = Settings.from(properties);
        LOG.info("Engine settings from {}: {}", Settings.source(properties), settings);
        return settings;
    }

    @Deactivate
    void deactivate() {
        mbean.unregister();
        engine.close(); // C35: every result is delivered before this returns
    }

    @Reference(name = HANDLERS, service = SyncHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindHandler(ServiceReference<SyncHandler> reference) {
        engine.handlerAdded(ref(reference));
    }

    void updatedHandler(ServiceReference<SyncHandler> reference) {
        engine.handlerModified(ref(reference));
    }

    void unbindHandler(ServiceReference<SyncHandler> reference) {
        engine.handlerRemoved(ref(reference));
    }

    /** Like the handlers: the listener's object is got on its first notification, not here. */
    @Reference(name = LISTENERS, service = SyncListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindListener(ServiceReference<SyncListener> reference) {
        engine.listenerAdded(listener(reference));
    }

    void unbindListener(ServiceReference<SyncListener> reference) {
        engine.listenerRemoved(listener(reference));
    }

    private LazyListener listener(ServiceReference<SyncListener> reference) {
        return new LazyListener(reference, r -> component.locateService(LISTENERS, r));
    }

    private HandlerRef ref(ServiceReference<SyncHandler> reference) {
        Object id = reference.getProperty(SyncHandler.HANDLER_ID);
        Object ranking = reference.getProperty(Constants.SERVICE_RANKING);
        Bundle bundle = reference.getBundle();
        String from = bundle == null ? "an uninstalled bundle"
                : bundle.getSymbolicName() + " " + bundle.getVersion();
        if (id != null && !(id instanceof String)) {
            LOG.warn("Handler service {} of {}: its {} property is a {}, not a String; it is ignored (C4)",
                    reference.getProperty(Constants.SERVICE_ID), from, SyncHandler.HANDLER_ID,
                    id.getClass().getSimpleName());
        }
        String service = "handler service " + reference.getProperty(Constants.SERVICE_ID) + " of " + from;
        return new HandlerRef((Long) reference.getProperty(Constants.SERVICE_ID),
                ranking instanceof Integer i ? i : 0, id instanceof String s ? s : null, from,
                new LazyHandler(reference, r -> component.locateService(HANDLERS, r)),
                HandlerRetryProperties.read(reference, service, LOG::warn));
    }

    // ---- SyncControl, delegated

    @Override
    public SyncRequest startItemSync(String handlerId, List<String> itemIds, Object context,
            Set<SyncControlFlag> flags, SyncResultListener listener) {
        return engine.startItemSync(handlerId, itemIds, context, flags, listener);
    }

    @Override
    public SyncRequest startHandlerSync(String handlerId, Object context, Set<SyncControlFlag> flags,
            SyncResultListener listener) {
        return engine.startHandlerSync(handlerId, context, flags, listener);
    }

    @Override
    public List<SyncRequest> startSyncAll() {
        return engine.startSyncAll();
    }

    @Override
    public void stopItemSync(String handlerId, List<String> itemIds) {
        engine.stopItemSync(handlerId, itemIds);
    }

    @Override
    public void stopHandlerSync(String handlerId) {
        engine.stopHandlerSync(handlerId);
    }

    @Override
    public void stopSyncAll() {
        engine.stopSyncAll();
    }

    @Override
    public void updateHandlerCollection(Set<ControlFlag> flags) {
        engine.updateHandlerCollection(flags);
    }

    @Override
    public void updateHandler(String handlerId, Set<ControlFlag> flags) {
        engine.updateHandler(handlerId, flags);
    }

    @Override
    public void updateItem(String handlerId, String itemId, Set<ControlFlag> flags) {
        engine.updateItem(handlerId, itemId, flags);
    }

    @Override
    public void updateEvents(String handlerId, String itemId, Set<ControlFlag> flags) {
        engine.updateEvents(handlerId, itemId, flags);
    }

    @Override
    public void updateConflicts(String handlerId, String itemId, Set<ControlFlag> flags) {
        engine.updateConflicts(handlerId, itemId, flags);
    }

    @Override
    public void activateHandler(boolean activate, String handlerId, Set<ControlFlag> flags) {
        engine.activateHandler(activate, handlerId, flags);
    }

    @Override
    public void enableHandler(boolean enable, String handlerId, Set<ControlFlag> flags) {
        engine.enableHandler(enable, handlerId, flags);
    }

    @Override
    public void enableItem(boolean enable, String handlerId, String itemId, Set<ControlFlag> flags) {
        engine.enableItem(enable, handlerId, itemId, flags);
    }

    @Override
    public List<HandlerSnapshot> handlers() {
        return engine.handlers();
    }

    @Override
    public Optional<HandlerSnapshot> handler(String handlerId) {
        return engine.handler(handlerId);
    }

    @Override
    public List<RequestSnapshot> requests() {
        return engine.requests();
    }

    @Override
    public List<RequestSnapshot> requests(RequestFilter filter) {
        return engine.requests(filter);
    }

    @Override
    public Optional<RequestSnapshot> request(long requestId) {
        return engine.request(requestId);
    }

    @Override
    public List<SyncResult> history(HistoryFilter filter) {
        return engine.history(filter);
    }

    @Override
    public List<SyncEvent> events(EventFilter filter) {
        return engine.events(filter);
    }

    @Override
    public List<SyncConflict> conflicts(String handlerId, String itemId) {
        return engine.conflicts(handlerId, itemId);
    }

    @Override
    public List<BackoffSnapshot> backoffs() {
        return engine.backoffs();
    }

    @Override
    public void retryNow(String handlerId, String itemId) {
        engine.retryNow(handlerId, itemId);
    }

    @Override
    public void giveUp(String handlerId, String itemId) {
        engine.giveUp(handlerId, itemId);
    }

    @Override
    public ScheduleSnapshot putSchedule(ScheduleSpec spec) {
        return engine.putSchedule(spec);
    }

    @Override
    public boolean removeSchedule(String scheduleId) {
        return engine.removeSchedule(scheduleId);
    }

    @Override
    public List<ScheduleSnapshot> schedules() {
        return engine.schedules();
    }

    @Override
    public Optional<ScheduleSnapshot> schedule(String scheduleId) {
        return engine.schedule(scheduleId);
    }

    @Override
    public List<dev.synccenter.control.ResolutionOutcome> resolveConflicts(String handlerId, List<String> conflictIds,
            dev.synccenter.control.ConflictChoice choice, boolean applyToAll) {
        return engine.resolveConflicts(handlerId, conflictIds, choice, applyToAll);
    }

    // ---- ConfiguredSchedules (C44): for ScheduleConfiguration, delegated

    @Override
    public ScheduleSnapshot put(ScheduleSpec spec) {
        return engine.putConfiguredSchedule(spec);
    }

    @Override
    public void remove(String scheduleId) {
        engine.removeConfiguredSchedule(scheduleId);
    }
}
