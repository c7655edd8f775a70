package dev.synccenter.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * A real bundle update inside an embedded Felix: SCR, control-api, control-impl and the demo handler
 * bundle (configured through Configuration Admin to sync without simulated work), requests
 * streaming to handler "demo" through the SyncControl service, and {@code Bundle.update()} between
 * the demo handler's 1.0.0 and 2.0.0 jars. Measured per update: the update call, the time from it to
 * the new SyncHandler service's registration, and from that registration to the first request
 * accepted while the handler was parked entering synchronize (the demo handler counts down the
 * "entered" latch of the start call's context). Over the run: requests lost or duplicated (0).
 *
 * <p>The API types live in the framework, so the harness calls them reflectively with java.* types
 * only. Runs with Felix on the class path and without org.eclipse.osgi (both carry org.osgi.framework).
 * Options: {@code --bundles=<dir> --demo=<v1 jar> --demoV2=<v2 jar> --rate=1000 --updates=5 --holdMs=500}.
 */
public final class FelixUpdateHarness {

    private FelixUpdateHarness() {
    }

    /** A latch that remembers when it was first counted down. */
    static final class TimedLatch extends CountDownLatch {
        volatile long at;
        final AtomicInteger entries = new AtomicInteger();

        TimedLatch() {
            super(1);
        }

        @Override
        public void countDown() {
            if (entries.getAndIncrement() == 0) {
                at = System.nanoTime();
            }
            super.countDown();
        }
    }

    record Sent(long id, long calledAt, long returnedAt, TimedLatch entered, AtomicInteger listenerCalls,
            AtomicInteger handleCalls) {
    }

    public static void main(String[] args) throws Exception {
        Path bundles = Path.of(Report.option(args, "bundles", System.getProperty("bench.felixBundles", "target/felix-bundles")));
        Path demo = Path.of(Report.option(args, "demo", ""));
        Path demoV2 = Path.of(Report.option(args, "demoV2", ""));
        double rate = Report.option(args, "rate", 1000);
        int updates = (int) Report.option(args, "updates", 5);
        long holdMs = (long) Report.option(args, "holdMs", 500);
        if (!Files.isRegularFile(demo) || !Files.isRegularFile(demoV2)) {
            throw new IllegalArgumentException("demo handler jars not found: " + demo + ", " + demoV2);
        }
        Path storage = Files.createTempDirectory("bench-felix");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.log.level", "1");
        Framework framework = new org.apache.felix.framework.FrameworkFactory().newFramework(config);
        long f0 = System.nanoTime();
        framework.start();
        try {
            run(framework.getBundleContext(), bundles, demo, demoV2, rate, updates, holdMs, f0);
        } finally {
            framework.stop();
            framework.waitForStop(30_000);
            try (Stream<Path> files = Files.walk(storage)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    static void run(BundleContext context, Path bundles, Path demo, Path demoV2, double rate, int updates,
            long holdMs, long frameworkStarted) throws Exception {
        List<Bundle> installed = new ArrayList<>();
        // Looked up below by position: 6 is Config Admin, 7 control-api. control-impl imports the JDBC
        // service API (its store) and org.quartz (cron); the bundles are started only once all are installed.
        for (String name : List.of("org.osgi.util.function.jar", "org.osgi.util.promise.jar",
                "org.osgi.service.component.jar", "org.apache.felix.scr.jar", "slf4j-api.jar", "slf4j-simple.jar",
                "org.apache.felix.configadmin.jar", "control-api.jar", "control-impl.jar",
                "org.osgi.service.jdbc.jar", "sqlite-jdbc.jar", "pax-jdbc-sqlite.jar", "quartz.jar")) {
            installed.add(install(context, bundles.resolve(name)));
        }
        Bundle handlerBundle = install(context, demo);
        installed.add(handlerBundle);

        AtomicLong registeredAt = new AtomicLong();
        AtomicLong unregisteringAt = new AtomicLong();
        // All*: the harness's class path also holds the API, so a plain listener would be filtered out.
        ServiceListener listener = new AllServiceListener() {
            @Override
            public void serviceChanged(ServiceEvent event) {
                if (event.getType() == ServiceEvent.REGISTERED) {
                    registeredAt.set(System.nanoTime());
                } else if (event.getType() == ServiceEvent.UNREGISTERING) {
                    unregisteringAt.set(System.nanoTime());
                }
            }
        };
        context.addServiceListener(listener, "(objectClass=dev.synccenter.handler.SyncHandler)");

        for (Bundle b : installed) {
            if (b != handlerBundle && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start(); // throws, naming the missing requirement, if the bundle does not resolve
            }
        }
        // The demo handler without simulated work: the update, not the handler, should be what is measured.
        Bundle cmBundle = installed.get(6);
        Object cm = awaitService(context, "org.osgi.service.cm.ConfigurationAdmin", 10_000);
        Class<?> cmType = cmBundle.loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Class<?> configType = cmBundle.loadClass("org.osgi.service.cm.Configuration");
        Object configuration = cmType.getMethod("getConfiguration", String.class, String.class)
                .invoke(cm, "dev.synccenter.sample.demo", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("items", new String[] {"alpha", "beta", "gamma"});
        props.put("steps", 0);
        props.put("step.millis", 0L);
        configType.getMethod("update", java.util.Dictionary.class).invoke(configuration, props);
        handlerBundle.start();

        Bundle api = installed.get(7);
        Class<?> controlType = api.loadClass("dev.synccenter.control.SyncControl");
        Class<?> requestType = api.loadClass("dev.synccenter.control.SyncRequest");
        Class<?> listenerType = api.loadClass("dev.synccenter.control.SyncResultListener");
        Class<?> resultType = api.loadClass("dev.synccenter.control.SyncResult");
        Method start = controlType.getMethod("startItemSync", String.class, List.class, Object.class, Set.class,
                listenerType);
        Method handlerLookup = controlType.getMethod("handler", String.class);
        Method requestId = requestType.getMethod("id");
        Method resultStage = requestType.getMethod("result");
        Method resultRequestId = resultType.getMethod("requestId");
        Object control = awaitService(context, "dev.synccenter.control.SyncControl", 10_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (((java.util.Optional<?>) handlerLookup.invoke(control, "demo")).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("handler 'demo' not listed within 10 s");
            }
            Thread.sleep(1);
        }
        Report.figure("felix.frameworkToDemoListed", (System.nanoTime() - frameworkStarted) / 1e6, "ms");

        Map<Long, AtomicInteger> listenerCalls = new ConcurrentHashMap<>();
        Object resultListener = Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType},
                (proxy, method, margs) -> {
                    if (method.getName().equals("result")) {
                        long id = (Long) resultRequestId.invoke(margs[0]);
                        listenerCalls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                        return null;
                    }
                    return switch (method.getName()) {
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == margs[0];
                        default -> "bench listener";
                    };
                });

        List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean streaming = new AtomicBoolean(true);
        AtomicLong refused = new AtomicLong();
        Thread generator = new Thread(() -> {
            long interval = (long) (1e9 / rate);
            long next = System.nanoTime();
            List<String> items = List.of("alpha");
            while (streaming.get()) {
                long now;
                while ((now = System.nanoTime()) < next) {
                    LockSupport.parkNanos(Math.min(next - now, 1_000_000));
                }
                next += interval;
                TimedLatch entered = new TimedLatch();
                AtomicInteger handleCalls = new AtomicInteger();
                try {
                    long called = System.nanoTime();
                    Object request = start.invoke(control, "demo", items, Map.of("entered", entered), Set.of(),
                            resultListener);
                    long returned = System.nanoTime();
                    ((CompletionStage<?>) resultStage.invoke(request)).whenComplete((r, e) -> handleCalls.incrementAndGet());
                    sent.add(new Sent((Long) requestId.invoke(request), called, returned, entered,
                            listenerCalls.computeIfAbsent((Long) requestId.invoke(request), k -> new AtomicInteger()),
                            handleCalls));
                } catch (ReflectiveOperationException e) {
                    refused.incrementAndGet();
                }
            }
        }, "bench-generator");
        generator.start();

        Histogram updateCall = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram toRegistration = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram pause = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Thread.sleep(holdMs);
        List<long[]> windows = new ArrayList<>();
        for (int k = 0; k < updates; k++) {
            registeredAt.set(0);
            long u0 = System.nanoTime();
            try (InputStream in = Files.newInputStream(k % 2 == 0 ? demoV2 : demo)) {
                handlerBundle.update(in);
            }
            long u1 = System.nanoTime();
            long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (registeredAt.get() == 0 && System.nanoTime() < limit) {
                Thread.sleep(1);
            }
            if (registeredAt.get() == 0) {
                throw new IllegalStateException("no SyncHandler registered within 10 s of update " + k);
            }
            updateCall.recordValue(u1 - u0);
            toRegistration.recordValue(registeredAt.get() - u0);
            windows.add(new long[] {unregisteringAt.get(), registeredAt.get()});
            Thread.sleep(holdMs);
        }
        streaming.set(false);
        generator.join();
        List<Sent> all;
        synchronized (sent) {
            all = new ArrayList<>(sent);
        }
        long waitEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < waitEnd && all.stream().anyMatch(s -> s.handleCalls.get() == 0
                || s.listenerCalls.get() == 0)) {
            Thread.sleep(5);
        }
        int parked = 0;
        for (long[] w : windows) {
            long first = Long.MAX_VALUE;
            for (Sent s : all) {
                // Accepted after the old service went and before the new one came: it was parked.
                if (s.returnedAt > w[0] && s.calledAt < w[1]) {
                    parked++;
                    if (s.entered.at != 0) {
                        first = Math.min(first, s.entered.at);
                    }
                }
            }
            if (first != Long.MAX_VALUE) {
                pause.recordValue(Math.max(0, first - w[1]));
            }
        }
        long lost = all.stream().filter(s -> s.handleCalls.get() == 0 || s.listenerCalls.get() == 0).count();
        long duplicated = all.stream().filter(s -> s.handleCalls.get() > 1 || s.listenerCalls.get() > 1).count();
        long rerun = all.stream().filter(s -> s.entered.entries.get() > 1).count();
        Report.figure("felix.updates", updates, "updates");
        Report.figure("felix.requests", all.size(), "requests");
        Report.figure("felix.refused", refused.get(), "requests");
        Report.figure("felix.parkedRequests", parked, "requests");
        Report.figure("felix.updateCall.p50", updateCall.getValueAtPercentile(50) / 1e6, "ms");
        Report.figure("felix.updateCall.max", updateCall.getMaxValue() / 1e6, "ms");
        Report.figure("felix.updateToRegistration.p50", toRegistration.getValueAtPercentile(50) / 1e6, "ms");
        Report.figure("felix.updateToRegistration.max", toRegistration.getMaxValue() / 1e6, "ms");
        Report.figure("felix.pause.samples", pause.getTotalCount(), "updates");
        Report.figure("felix.pause.p50", pause.getValueAtPercentile(50) / 1e6, "ms");
        Report.figure("felix.pause.max", pause.getMaxValue() / 1e6, "ms");
        Report.figure("felix.lost", lost, "requests");
        Report.figure("felix.duplicated", duplicated, "requests");
        Report.figure("felix.rerunC27", rerun, "requests");
        context.removeServiceListener(listener);
    }

    private static Bundle install(BundleContext context, Path jar) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("bundle not found: " + jar);
        }
        return context.installBundle(jar.toUri().toString());
    }

    private static Object awaitService(BundleContext context, String type, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            ServiceReference<?>[] refs;
            try {
                refs = context.getAllServiceReferences(type, null);
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
            if (refs != null) {
                Object service = context.getService(refs[0]);
                if (service != null) {
                    return service;
                }
            }
            Thread.sleep(1);
        }
        StringBuilder states = new StringBuilder();
        for (Bundle b : context.getBundles()) {
            states.append("\n  ").append(b.getSymbolicName()).append(' ').append(b.getVersion()).append(": state ")
                    .append(b.getState());
        }
        throw new IllegalStateException("no " + type + " service within " + millis + " ms; bundles:" + states);
    }
}
