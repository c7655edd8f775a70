package dev.synccenter.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The store from the test probe. control-impl exports nothing, so the tests reach the store's types
 * through that bundle's class loader and call its store by reflection; what goes in and comes out
 * are control-api types or strings, the same on both sides. And the drivers' DataSourceFactory services.
 */
final class StoreAccess {

    static final String STORE = "dev.synccenter.impl.store.";

    private StoreAccess() {
    }

    /** What the store tests add to the base configuration (which has SQLite's already): PostgreSQL's driver. */
    static Option[] jdbcBundles() {
        return new Option[] {bundle(ItestSupport.url("postgresql.jar"))};
    }

    /** A StoreChange record, built with its canonical constructor. */
    static Object change(Bundle impl, String kind, Object... args) throws Exception {
        Class<?> type = impl.loadClass(STORE + "StoreChange$" + kind);
        Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        return type.getDeclaredConstructor(types).newInstance(args);
    }

    /** A public method of the object's class (or a static one of a class), by name and number of arguments. */
    static Object call(Object target, String name, Object... args) throws Exception {
        Class<?> type = target instanceof Class<?> c ? c : target.getClass();
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target instanceof Class<?> ? null : target, args);
                } catch (InvocationTargetException e) {
                    throw new AssertionError(name + " failed", e.getCause());
                }
            }
        }
        throw new AssertionError("No method " + name + " with " + args.length + " arguments on " + type);
    }

    /** Waits until a store's future completed normally: the change is stored. */
    static void stored(Object future) throws Exception {
        ((CompletableFuture<?>) future).get(Poll.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The DataSourceFactory service of a driver class; waits for it. */
    static DataSourceFactory factory(BundleContext context, String driverClass) {
        ServiceTracker<DataSourceFactory, DataSourceFactory> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter("(&(objectClass="
                    + DataSourceFactory.class.getName() + ")(" + DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "="
                    + driverClass + "))"), null);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        tracker.open();
        try {
            DataSourceFactory f = tracker.waitForService(Poll.WAIT.toMillis());
            if (f == null) {
                throw new AssertionError("No DataSourceFactory for " + driverClass + " within " + Poll.WAIT);
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }
}
