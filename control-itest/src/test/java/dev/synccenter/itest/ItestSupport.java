package dev.synccenter.itest;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import dev.synccenter.control.HandlerAvailability;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncListener;
import dev.synccenter.handler.SyncHandler;

/**
 * What every in-framework test class shares: the framework's bundles (installed by file: URL from
 * the jars this build copied to {@code target/bundles}), the control service, and the bookkeeping
 * that undoes, after each test, everything the test registered, installed or configured.
 */
public abstract class ItestSupport {

    static final String ENGINE_PID = "dev.synccenter.engine";
    static final String DEMO_PID = "dev.synccenter.sample.demo";
    static final String DEMO_BSN = "dev.synccenter.sample.demo";
    static final String IMPL_BSN = "control-impl";
    static final String DEMO_V1 = "demo-handler-v1.jar";
    static final String DEMO_V2 = "demo-handler-v2.jar";

    @Inject
    protected BundleContext context;

    private ServiceTracker<SyncControl, SyncControl> controlTracker;
    private ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> configTracker;
    private final Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<Bundle> installed = new ArrayList<>();
    private final List<org.osgi.service.cm.Configuration> configurations = new ArrayList<>();

    @Configuration
    public Option[] configuration() {
        return options(
                // SLF4J for the engine's logging: the simple binding is a fragment of the API bundle.
                bundle(url("slf4j-simple.jar")).noStart(),
                bundle(url("slf4j-api.jar")),
                // Declarative Services 1.5 and the API bundles SCR 2.2 needs beside it (trap 1).
                bundle(url("org.osgi.util.function.jar")),
                bundle(url("org.osgi.util.promise.jar")),
                bundle(url("org.osgi.service.component.jar")),
                bundle(url("org.apache.felix.scr.jar")),
                bundle(url("org.apache.felix.configadmin.jar")),
                // The OSGi JDBC service API and the embedded store's driver: control-impl's engine runs on
                // a SQLite store in its data area, opened through SQLite's DataSourceFactory (C40).
                bundle(url("org.osgi.service.jdbc.jar")),
                bundle(url("sqlite-jdbc.jar")),
                bundle(url("pax-jdbc-sqlite.jar")),
                // Schedules' cron expressions: control-impl imports org.quartz (C44).
                bundle(url("quartz.jar")),
                // The bundles under test, as built in this run (trap 2).
                bundle(url("control-api.jar")),
                bundle(url("control-impl.jar")),
                junitBundles());
    }

    /** The file: URL of a jar the build copied for the tests. */
    static String url(String jar) {
        return file(jar).toURI().toString();
    }

    static File file(String jar) {
        File dir = new File(System.getProperty("itest.bundles", "target/bundles"));
        return new File(dir, jar).getAbsoluteFile();
    }

    /**
     * The framework the build meant to test on: failsafe runs these classes once on Felix and a set of
     * them on Equinox, choosing by class path; this says that the choice took.
     */
    @Before
    public void checkTheFramework() {
        String expected = System.getProperty("itest.framework");
        if (expected != null) {
            assertEquals("the system bundle", expected, context.getBundle(0).getSymbolicName());
        }
    }

    @Before
    public void openTrackers() {
        controlTracker = new ServiceTracker<>(context, SyncControl.class, null);
        controlTracker.open();
        configTracker = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        configTracker.open();
    }

    @After
    public void undoEverything() throws Exception {
        List<Throwable> problems = new ArrayList<>();
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the test unregistered it itself
            }
        }
        registrations.clear();
        for (Bundle b : installed) {
            if (b.getState() != Bundle.UNINSTALLED) {
                try {
                    b.uninstall();
                } catch (BundleException | RuntimeException e) {
                    problems.add(e);
                }
            }
        }
        installed.clear();
        for (org.osgi.service.cm.Configuration c : configurations) {
            try {
                c.delete();
            } catch (IllegalStateException alreadyDeleted) {
                // the test deleted it itself
            }
        }
        configurations.clear();
        names.clear();
        configTracker.close();
        controlTracker.close();
        if (!problems.isEmpty()) {
            throw new AssertionError("Cleaning up failed: " + problems, problems.get(0));
        }
    }

    // ---- the control service

    /** The control service now; waits for it if the engine bundle is (re)starting. */
    protected SyncControl control() {
        try {
            SyncControl control = controlTracker.waitForService(Poll.WAIT.toMillis());
            if (control == null) {
                throw new AssertionError("No SyncControl service within " + Poll.WAIT.toMillis() + " ms");
            }
            return control;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the SyncControl service", e);
        }
    }

    /** Waits until the handler is listed and its snapshot matches. */
    protected HandlerSnapshot awaitHandler(String handlerId, String what, Predicate<HandlerSnapshot> ok) {
        return Poll.until("handler '" + handlerId + "' " + what, () -> control().handler(handlerId),
                (Optional<HandlerSnapshot> s) -> s.isPresent() && ok.test(s.get())).get();
    }

    /**
     * Waits until the given service serves the handler ID (C3, C24, C25) and, for a probe handler,
     * until the engine has read its metadata (the snapshot shows its name).
     */
    protected HandlerSnapshot awaitServedBy(String handlerId, ServiceRegistration<?> registration) {
        long serviceId = serviceId(registration);
        String name = names.get(serviceId);
        return awaitHandler(handlerId, "served by service " + serviceId + (name == null ? "" : " named " + name),
                s -> s.availability() == HandlerAvailability.SERVING && s.serviceId() == serviceId
                        && (name == null || name.equals(s.name())));
    }

    protected HandlerSnapshot awaitParked(String handlerId) {
        return awaitHandler(handlerId, "parked", s -> s.availability() == HandlerAvailability.PARKED);
    }

    // ---- services registered by the test

    /** Registers a handler service with the given handler ID (null: none) and ranking (null: none). */
    protected ServiceRegistration<SyncHandler> register(SyncHandler handler, Object handlerId, Integer ranking) {
        ServiceRegistration<SyncHandler> r = context.registerService(SyncHandler.class, handler,
                handlerProperties(handlerId, ranking));
        registrations.add(r);
        if (handler instanceof ProbeHandler probe) {
            names.put(serviceId(r), probe.name);
        }
        return r;
    }

    protected static Dictionary<String, Object> handlerProperties(Object handlerId, Integer ranking) {
        Hashtable<String, Object> props = new Hashtable<>();
        if (handlerId != null) {
            props.put(SyncHandler.HANDLER_ID, handlerId);
        }
        if (ranking != null) {
            props.put(Constants.SERVICE_RANKING, ranking);
        }
        return props;
    }

    protected ServiceRegistration<SyncListener> registerListener(SyncListener listener) {
        return registerService(SyncListener.class, listener, null);
    }

    /** Registers any service from the test probe; it is unregistered after the test. */
    protected <T> ServiceRegistration<T> registerService(Class<T> type, T service, Dictionary<String, ?> properties) {
        ServiceRegistration<T> r = context.registerService(type, service, properties);
        registrations.add(r);
        return r;
    }

    protected static long serviceId(ServiceRegistration<?> registration) {
        return (Long) registration.getReference().getProperty(Constants.SERVICE_ID);
    }

    // ---- bundles

    /** Installs and starts the demo handler bundle from one of its two jars. */
    protected Bundle installDemo(String jar) throws BundleException, IOException {
        return installAndStart(DEMO_BSN, jar);
    }

    /** Installs a bundle from a jar the build copied (location "itest:" + name) and starts it. */
    protected Bundle installAndStart(String name, String jar) throws BundleException, IOException {
        Bundle b;
        try (InputStream in = new FileInputStream(file(jar))) {
            b = context.installBundle("itest:" + name, in);
        }
        installed.add(b);
        b.start();
        return b;
    }

    /** Updates the demo handler bundle in place from one of its two jars. */
    protected static void update(Bundle bundle, String jar) throws BundleException, IOException {
        try (InputStream in = new FileInputStream(file(jar))) {
            bundle.update(in);
        }
    }

    /** Waits until the demo handler of the given bundle version serves the ID "demo". */
    protected HandlerSnapshot awaitDemoVersion(String version) {
        return awaitHandler("demo", "served by demo handler " + version,
                s -> s.availability() == HandlerAvailability.SERVING && s.comment().equals("Demo handler " + version)
                        && s.bundle().equals(DEMO_BSN + " " + version));
    }

    protected Bundle bundleNamed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("No bundle " + symbolicName);
    }

    // ---- configuration

    /**
     * Sets a configuration (for any bundle: location "?") and waits until the component has taken
     * it: the component's service then carries the new properties, which SCR sets after the
     * component's modified method ran.
     */
    protected void configure(String pid, Class<?> service, Map<String, Object> properties) throws IOException {
        setConfiguration(pid, properties);
        awaitServiceProperties(pid, service, properties);
    }

    /** Sets a configuration (for any bundle: location "?"), deleted after the test; waits for nothing. */
    protected void setConfiguration(String pid, Map<String, Object> properties) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin().getConfiguration(pid, "?");
        if (!configurations.contains(c)) {
            configurations.add(c);
        }
        c.update(new Hashtable<>(properties));
    }

    /** Sets a named factory configuration (PID factoryPid~name, for any bundle), deleted after the test. */
    protected org.osgi.service.cm.Configuration setFactoryConfiguration(String factoryPid, String name,
            Map<String, Object> properties) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin().getFactoryConfiguration(factoryPid, name, "?");
        if (!configurations.contains(c)) {
            configurations.add(c);
        }
        c.update(new Hashtable<>(properties));
        return c;
    }

    /** Deletes a configuration the test made and waits until the component no longer shows it. */
    protected void unconfigure(String pid, Class<?> service, String property) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin().getConfiguration(pid, "?");
        c.delete();
        configurations.remove(c);
        Poll.until("the " + pid + " configuration to be gone from the " + service.getSimpleName() + " service",
                () -> {
                    ServiceReference<?> ref = context.getServiceReference(service);
                    return ref != null && ref.getProperty(property) == null;
                });
    }

    private void awaitServiceProperties(String pid, Class<?> service, Map<String, Object> properties) {
        Poll.until("the " + service.getSimpleName() + " service to show the " + pid + " configuration " + properties,
                () -> {
                    try {
                        for (ServiceReference<?> ref : context.getServiceReferences(service, null)) {
                            if (matches(ref, properties)) {
                                return true;
                            }
                        }
                        return false;
                    } catch (org.osgi.framework.InvalidSyntaxException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    private static boolean matches(ServiceReference<?> ref, Map<String, Object> properties) {
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            if (!String.valueOf(e.getValue()).equals(String.valueOf(ref.getProperty(e.getKey())))) {
                return false;
            }
        }
        return true;
    }

    private ConfigurationAdmin configAdmin() {
        try {
            ConfigurationAdmin admin = configTracker.waitForService(Poll.WAIT.toMillis());
            if (admin == null) {
                throw new AssertionError("No ConfigurationAdmin service");
            }
            return admin;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Stops a bundle and starts it again, waiting for nothing but the calls themselves. */
    protected static void restart(Bundle bundle) throws BundleException {
        bundle.stop();
        assertEquals(Bundle.RESOLVED, bundle.getState());
        bundle.start();
    }

    static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }
}
