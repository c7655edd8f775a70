package dev.synccenter.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.util.tracker.ServiceTracker;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncResult;

/**
 * The store inside a real Felix: SQLite through the DataSourceFactory service that pax-jdbc-sqlite
 * registers, opened by the store's OSGi factory method, written and read back, and still there
 * after reopening (C36, C40: embedded, nothing to install or start). control-impl exports nothing, so
 * the test reaches the store through that bundle's class loader; what it writes and reads back
 * are control-api types, the same classes on both sides.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoreIT extends ItestSupport {

    private static final String STORE = "dev.synccenter.impl.store.";

    @Override
    @Configuration
    public Option[] configuration() {
        return OptionUtils.combine(super.configuration(),
                bundle(url("sqlite-jdbc.jar")),
                bundle(url("pax-jdbc-sqlite.jar")),
                bundle(url("postgresql.jar")));
    }

    @Test
    public void c40_theEmbeddedStoreOpensThroughSqlitesDataSourceFactoryAndKeepsWhatItWrote() throws Exception {
        DataSourceFactory sqlite = factory("org.sqlite.JDBC");
        Path dataArea = context.getDataFile("store-it").toPath();
        Bundle impl = bundleNamed(IMPL_BSN);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        SyncResult result = new SyncResult(0, "it", ProgressStatus.SUCCEEDED, 0, 0, Map.of("a", ProgressStatus.SUCCEEDED),
                null, now, now, now, "it 1.0.0");
        SyncEvent event = new SyncEvent(UUID.randomUUID(), now, "it", "a", EventLevel.WARNING, "name", "description",
                null, null, null, 0, 0);

        long first;
        try (AutoCloseable store = open(impl, sqlite, dataArea)) {
            first = (Long) call(store, "reserveRequestIds", 2);
            result = new SyncResult(first, "it", result.status(), 0, 0, result.items(), null, now, now, now,
                    result.servedBy());
            stored(call(store, "submit", change(impl, "RequestAccepted", first, "it", RequestKind.ITEM_SYNC, Set.of(),
                    null, false, now, List.of("a"))));
            stored(call(store, "submit", change(impl, "RequestAccepted", first + 1, "it", RequestKind.ITEM_SYNC,
                    Set.of(), null, true, now, List.of("b"))));
            stored(call(store, "submit", change(impl, "RequestFinished", result)));
            stored(call(store, "submit", change(impl, "EventReported", event)));
        }
        assertTrue("the default SQLite file in the data area",
                Files.isRegularFile(dataArea.resolve("sync-center.db")));

        try (AutoCloseable store = open(impl, sqlite, dataArea)) {
            assertEquals(Optional.of(result), call(store, "result", first));
            assertEquals(List.of(event), call(store, "events", EventFilter.ALL));
            List<?> unfinished = (List<?>) call(store, "unfinished");
            assertEquals(1, unfinished.size());
            assertEquals(first + 1, call(unfinished.get(0), "requestId"));
            assertEquals("ok", call(store, "health").toString());
            assertTrue("IDs after the reserved ones", (Long) call(store, "reserveRequestIds", 1) >= first + 2);
        }
    }

    @Test
    public void postgresqlsDriverRegistersItsDataSourceFactoryToo() {
        assertNotNull(factory("org.postgresql.Driver"));
        assertEquals(Bundle.ACTIVE, bundleNamed("org.xerial.sqlite-jdbc").getState());
    }

    private DataSourceFactory factory(String driverClass) {
        ServiceTracker<DataSourceFactory, DataSourceFactory> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter("(&(objectClass="
                    + DataSourceFactory.class.getName() + ")(" + DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "="
                    + driverClass + "))"), null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
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

    /** {@code SqlStores.open(factory, properties, dataArea)}: no url, so the default file in the data area. */
    private static AutoCloseable open(Bundle impl, DataSourceFactory factory, Path dataArea) throws Exception {
        Class<?> stores = impl.loadClass(STORE + "sql.SqlStores");
        Method open = stores.getMethod("open", DataSourceFactory.class, Map.class, Path.class);
        return (AutoCloseable) open.invoke(null, factory,
                Map.of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.sqlite.JDBC"), dataArea);
    }

    /** A StoreChange record, built with its canonical constructor. */
    private static Object change(Bundle impl, String kind, Object... args) throws Exception {
        Class<?> type = impl.loadClass(STORE + "StoreChange$" + kind);
        Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        return type.getDeclaredConstructor(types).newInstance(args);
    }

    private static Object call(Object target, String name, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw new AssertionError(name + " failed", e.getCause());
                }
            }
        }
        throw new AssertionError("No method " + name + " with " + args.length + " arguments on " + target.getClass());
    }

    private static void stored(Object future) throws Exception {
        ((CompletableFuture<?>) future).get(Poll.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
