package dev.synccenter.itest;

import static dev.synccenter.itest.StoreAccess.STORE;
import static dev.synccenter.itest.StoreAccess.call;
import static dev.synccenter.itest.StoreAccess.change;
import static dev.synccenter.itest.StoreAccess.factory;
import static dev.synccenter.itest.StoreAccess.jdbcBundles;
import static dev.synccenter.itest.StoreAccess.stored;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.util.tracker.ServiceTracker;

import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.audit.AuditTrail;

/**
 * C40 in a real Felix: control-impl provides the store as a SyncStore service, embedded SQLite in
 * its data area by default, PostgreSQL by configuration, and a store that cannot be opened
 * comes by itself once it can. Never two SyncStore services at once. The PostgreSQL server is
 * scripts/test.sh's ({@code SYNCCENTER_TEST_PG_URL}); without it these tests fail.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoreComponentIT extends ItestSupport {

    static final String STORE_PID = "dev.synccenter.store";
    private static final String SYNC_STORE = STORE + "SyncStore";
    private static final String PG_VARIABLE = "SYNCCENTER_TEST_PG_URL";
    private static final String SQLITE_NAME = "SQLite store jdbc:sqlite:";
    private static final String PG_NAME = "PostgreSQL store jdbc:postgresql:";
    private static final String PASSWORD = "it-secret-4711";

    private final AtomicInteger registered = new AtomicInteger();
    private final AtomicInteger mostRegistered = new AtomicInteger();
    /** All: the probe cannot see the SyncStore class, and a plain listener hears only of what it can. */
    private final AllServiceListener counter = this::count;
    private PrintStream originalErr;
    private ByteArrayOutputStream log;

    @Override
    @Configuration
    public Option[] configuration() {
        return OptionUtils.combine(super.configuration(), jdbcBundles());
    }

    @Before
    public void watch() throws InvalidSyntaxException {
        registered.set(storeReference() == null ? 0 : 1);
        context.addServiceListener(counter, "(" + Constants.OBJECTCLASS + "=" + SYNC_STORE + ")");
        // slf4j-simple writes to whatever System.err is when it logs: a copy shows what was logged.
        originalErr = System.err;
        log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
    }

    @After
    public void unwatch() {
        context.removeServiceListener(counter);
        System.setErr(originalErr);
        assertTrue("at most one SyncStore service at a time, saw " + mostRegistered, mostRegistered.get() <= 1);
    }

    @Test
    public void c40_theStoreIsEmbeddedByDefaultInTheBundlesDataAreaAndKeepsItsWritesAcrossARestart() throws Exception {
        Bundle impl = bundleNamed(IMPL_BSN);
        ServiceReference<?> ref = awaitStore("the embedded SQLite store", name -> name.startsWith(SQLITE_NAME));
        String name = name(ref);
        Path file = Path.of(name.substring(SQLITE_NAME.length()));
        assertEquals("in control-impl's data area", impl.getBundleContext().getDataFile("sync-center.db").toPath()
                .toAbsolutePath().normalize(), file.toAbsolutePath().normalize());
        assertTrue(Files.isRegularFile(file));
        assertEquals("org.sqlite.JDBC", ref.getProperty(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS));

        String handler = "it-" + UUID.randomUUID();
        writeDisabled(impl, ref, handler);

        impl.stop();
        assertNull("the service goes with its bundle", storeReference());
        impl.start();
        ServiceReference<?> again = awaitStore("the embedded store after the restart", name::equals);
        assertNotEquals(ref.getProperty(Constants.SERVICE_ID), again.getProperty(Constants.SERVICE_ID));
        assertEquals("the write survived the restart", Boolean.FALSE, disabledState(impl, again, handler));
    }

    @Test
    public void c40_whenItsDataSourceFactoryGoesTheServiceGoesBeforeItAndComesBackWithIt() throws Exception {
        ServiceReference<?> ref = awaitStore("the embedded SQLite store", name -> name.startsWith(SQLITE_NAME));
        Bundle factory = bundleNamed("org.ops4j.pax.jdbc.sqlite");
        try {
            factory.stop();
            assertNull("unregistered (and closed) before the factory's unregistration ended", storeReference());
        } finally {
            factory.start();
        }
        awaitStore("the embedded store with its factory back", name(ref)::equals);
    }

    @Test
    public void c51_theAuditTrailStoresCallsInTheStoreAndGoesAndComesWithIt() throws Exception {
        awaitStore("the embedded SQLite store", name -> name.startsWith(SQLITE_NAME));
        ServiceTracker<AuditTrail, AuditTrail> trails = new ServiceTracker<>(context, AuditTrail.class, null);
        trails.open();
        try {
            AuditTrail trail = trails.waitForService(Poll.WAIT.toMillis());
            assertNotNull("an AuditTrail service beside the store", trail);
            String target = "it-" + UUID.randomUUID();
            trail.record(new AuditEntry(Instant.now(), "operator", "OPERATOR", "itest", "127.0.0.1:1", "stop", target));
            assertEquals(target, trail.recent(1).get(0).target());

            Bundle factory = bundleNamed("org.ops4j.pax.jdbc.sqlite");
            try {
                factory.stop();
                assertNull("no audit trail without a store: remote calls that change state are refused",
                        trails.getService());
            } finally {
                factory.start();
            }
            AuditTrail back = trails.waitForService(Poll.WAIT.toMillis());
            assertNotNull("the audit trail is back with the store", back);
            assertEquals("the entry was stored", target, back.recent(10).stream().filter(e -> e.target().equals(target))
                    .findFirst().orElseThrow().target());
        } finally {
            trails.close();
        }
    }

    @Test
    public void c40_configuredForPostgresqlTheServiceIsThePostgresqlStore() throws Exception {
        String url = freshSchemaUrl();
        setConfiguration(STORE_PID, Map.of("url", url, "password", PASSWORD)); // the driver follows from the URL
        ServiceReference<?> ref = awaitStore("the PostgreSQL store", name -> name.startsWith(PG_NAME));
        assertEquals("org.postgresql.Driver", ref.getProperty(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS));
        assertEquals("named without the URL's query", PG_NAME + url.substring("jdbc:postgresql:".length(),
                url.indexOf('?')), name(ref));

        Bundle impl = bundleNamed(IMPL_BSN);
        String handler = "it-" + UUID.randomUUID();
        writeDisabled(impl, ref, handler);
        assertEquals(Boolean.FALSE, disabledState(impl, ref, handler));
        assertFalse("no password in the log", logText().contains(PASSWORD));
    }

    @Test
    public void c40_aStoreThatCannotBeOpenedGivesNoServiceSaysWhyAndComesOnceTheConfigurationIsCorrected()
            throws Exception {
        String url = freshSchemaUrl();
        String dead = nobodyListens(url);
        String deadSafe = dead.substring(0, dead.indexOf('?'));
        setConfiguration(STORE_PID, Map.of("url", dead, "password", PASSWORD));

        String why = Poll.until("the log to say why the store does not open", this::logText,
                text -> text.contains("Cannot open the store (osgi.jdbc.driver.class=org.postgresql.Driver, url="
                        + deadSafe + "): "));
        assertTrue(why, why.contains("refused"));
        assertNull("no SyncStore service while it cannot be opened", storeReference());

        setConfiguration(STORE_PID, Map.of("url", url, "password", PASSWORD));
        ServiceReference<?> ref = awaitStore("the PostgreSQL store once the configuration is corrected",
                name -> name.startsWith(PG_NAME));
        String recovered = Poll.until("the log to say the store recovered", this::logText,
                text -> text.contains("is open and published as the SyncStore service, after "));
        assertEquals("said once", 1, recovered.split("Cannot open the store", -1).length - 1);
        assertFalse("no password in the log", recovered.contains(PASSWORD));
        assertTrue(name(ref).startsWith(PG_NAME));
    }

    // ---- the SyncStore service, whose class the probe cannot see: by name and by reflection

    private ServiceReference<?> storeReference() {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(SYNC_STORE, null);
            if (refs != null && refs.length > 1) {
                fail(refs.length + " SyncStore services at once");
            }
            return refs == null ? null : refs[0];
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private ServiceReference<?> awaitStore(String what, Predicate<String> name) {
        return Poll.until(what, this::storeReference, ref -> ref != null && name.test(name(ref)));
    }

    private static String name(ServiceReference<?> ref) {
        return String.valueOf(ref.getProperty("store.name"));
    }

    private void writeDisabled(Bundle impl, ServiceReference<?> ref, String handler) throws Exception {
        Object store = context.getService(ref);
        try {
            Object key = call(impl.loadClass(STORE + "StateKey"), "handlerEnabled", handler);
            stored(call(store, "submit", change(impl, "StateChanged", key, false)));
        } finally {
            context.ungetService(ref);
        }
    }

    private Object disabledState(Bundle impl, ServiceReference<?> ref, String handler) throws Exception {
        Object store = context.getService(ref);
        try {
            Object key = call(impl.loadClass(STORE + "StateKey"), "handlerEnabled", handler);
            return ((Map<?, ?>) call(store, "states")).get(key);
        } finally {
            context.ungetService(ref);
        }
    }

    private void count(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED) {
            mostRegistered.accumulateAndGet(registered.incrementAndGet(), Math::max);
        } else if (event.getType() == ServiceEvent.UNREGISTERING) {
            registered.decrementAndGet();
        }
    }

    private String logText() {
        synchronized (log) {
            return log.toString(StandardCharsets.UTF_8);
        }
    }

    // ---- PostgreSQL

    /** A schema of this test's own on scripts/test.sh's server, made through the driver's DataSourceFactory. */
    private String freshSchemaUrl() throws SQLException {
        String base = System.getProperty(PG_VARIABLE, System.getenv(PG_VARIABLE));
        if (base == null || base.isBlank()) {
            fail(PG_VARIABLE + " is not set: run the tests with scripts/test.sh, which starts a throwaway "
                    + "PostgreSQL server and sets it");
        }
        String schema = "itest_store_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        Properties p = new Properties();
        p.setProperty(DataSourceFactory.JDBC_URL, base);
        try (Connection c = factory(context, "org.postgresql.Driver").createDataSource(p).getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The URL with its port replaced by one nobody listens on. */
    private static String nobodyListens(String url) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return url.replaceFirst("//([^/:]+):\\d+/", "//$1:" + port + "/");
    }

    /** Writes to the console and to the copy the test reads. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            synchronized (copy) {
                copy.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            console.flush();
        }
    }
}
