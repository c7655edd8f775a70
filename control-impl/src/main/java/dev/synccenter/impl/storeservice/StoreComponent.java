package dev.synccenter.impl.storeservice;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.impl.store.StoreException;
import dev.synccenter.impl.store.SyncStore;
import dev.synccenter.impl.store.sql.SqlStores;
import dev.synccenter.impl.store.sql.StoreSettings;

/**
 * Provides the store as a {@link SyncStore} service (C40: embedded SQLite by default, PostgreSQL by
 * configuration, a store that cannot be opened is retried until it opens). It tracks every
 * {@link DataSourceFactory} service and hands them to a {@link StoreKeeper}, which opens the store
 * through one whose {@code osgi.jdbc.driver.class} is the configured one, on its own thread, and
 * registers the service with the properties {@code store.name} and {@code osgi.jdbc.driver.class}.
 * At most one SyncStore service exists at a time; this component owns the store and closes it
 * (after unregistering it), so its users must not.
 *
 * <p>Bind methods take the service reference only: SCR then gets no factory object for them, so
 * nothing of the driver runs in them; the keeper's thread gets the object when it opens the store.
 */
@Component(service = {}, immediate = true, configurationPid = StoreComponent.PID)
@Designate(ocd = StoreConfig.class)
public final class StoreComponent {

    static final String PID = "dev.synccenter.store";
    /** The factory reference's name, for {@link ComponentContext#locateService(String, ServiceReference)}. */
    static final String FACTORIES = "DataSourceFactory";
    /** The SyncStore service's property that names the store (never with a password). */
    public static final String STORE_NAME = "store.name";
    /** How long a leaving factory waits for the store to let it go, beyond the store's own close. */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);

    private final BundleContext context;
    private final ComponentContext component;
    private final Path dataArea;
    private final StoreKeeper<ServiceReference<DataSourceFactory>> keeper;
    private volatile Duration closeWait;

    /**
     * Takes the raw properties, not {@link StoreConfig}: DS cannot activate a component whose typed
     * configuration fails to convert, and a bad value must cost only that value.
     */
    @Activate
    public StoreComponent(BundleContext context, ComponentContext component, Map<String, Object> properties) {
        this.context = context;
        this.component = component;
        File area = context.getDataFile("");
        this.dataArea = area == null ? null : area.toPath();
        StoreSettings settings = settings(properties);
        this.closeWait = settings.callTimeout().plus(CLOSE_MARGIN);
        // ServiceReference's order is the service ranking, then the older service: the greatest wins.
        this.keeper = new StoreKeeper<>(this::open, this::publish, Comparator.naturalOrder(), settings,
                StoreProperties.source(properties), StoreKeeper.Timing.DEFAULT, StoreKeeper.Log.SLF4J);
        keeper.start();
    }

    @Modified
    void modified(Map<String, Object> properties) {
        StoreSettings settings = settings(properties);
        closeWait = settings.callTimeout().plus(CLOSE_MARGIN);
        keeper.configure(settings, StoreProperties.source(properties));
    }

    @Deactivate
    void deactivate() {
        keeper.close(closeWait);
    }

    @Reference(name = FACTORIES, service = DataSourceFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindDataSourceFactory(ServiceReference<DataSourceFactory> reference) {
        keeper.factoryAdded(reference, driverClass(reference));
    }

    void updatedDataSourceFactory(ServiceReference<DataSourceFactory> reference) {
        keeper.factoryModified(reference, driverClass(reference));
    }

    /** Returns once the store no longer uses the factory: its driver may stop working after this. */
    void unbindDataSourceFactory(ServiceReference<DataSourceFactory> reference) {
        keeper.factoryRemoved(reference, closeWait);
    }

    private static StoreSettings settings(Map<String, Object> properties) {
        StoreSettings settings = StoreProperties.from(properties, LOG::warn);
        LOG.info("Store settings from {}: {}", StoreProperties.source(properties), settings);
        return settings;
    }

    private static String driverClass(ServiceReference<DataSourceFactory> reference) {
        Object value = reference.getProperty(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS);
        return value == null ? null : value.toString();
    }

    /** On the keeper's thread: the factory object is got here, never in a bind method. */
    private SyncStore open(ServiceReference<DataSourceFactory> reference, StoreSettings settings) {
        DataSourceFactory factory = component.locateService(FACTORIES, reference);
        if (factory == null) {
            throw new StoreException("the DataSourceFactory service " + reference.getProperty(Constants.SERVICE_ID)
                    + " for " + settings.driverClass() + " is gone");
        }
        return SqlStores.openConnected(factory, settings, dataArea);
    }

    private Runnable publish(SyncStore store, StoreSettings settings) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(STORE_NAME, store.name());
        properties.put(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, settings.driverClass());
        properties.put(Constants.SERVICE_DESCRIPTION, "Sync Center store");
        ServiceRegistration<SyncStore> registration = context.registerService(SyncStore.class, store, properties);
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle stopped first, and the framework unregistered it
            }
        };
    }
}
