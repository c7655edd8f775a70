package dev.synccenter.shutdownhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/** The hook against a real, embedded Felix framework: it stops it, never deadlocks, and is bounded. */
class FrameworkStopOnExitTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path storage;
    private Framework framework;
    /** Holds the framework's stop while closed: a synchronous listener that blocks on the STOPPING event. */
    private final CountDownLatch stopHeld = new CountDownLatch(1);
    private final CountDownLatch stopEntered = new CountDownLatch(1);

    @BeforeEach
    void startFramework() throws Exception {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        framework = factory.newFramework(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
    }

    @AfterEach
    void stopFramework() throws Exception {
        stopHeld.countDown();
        framework.stop();
        framework.waitForStop(WAIT.toMillis());
    }

    @Test
    void stopsTheFrameworkAndReturnsOnceItStopped() {
        boolean stopped = new FrameworkStopOnExit(framework, WAIT).stopAndWait();

        assertThat(stopped).isTrue();
        assertThat(framework.getState()).as("state after the hook").isEqualTo(Bundle.RESOLVED);
    }

    @Test
    void aFrameworkThatIsStoppingAlreadyIsWaitedForAndNotStoppedTwice() throws Exception {
        holdTheStop();
        framework.stop(); // the launcher's own stop (Felix main's hook, Karaf), held half-way
        await(stopEntered);
        CompletableFuture<Boolean> hook = CompletableFuture.supplyAsync(
                () -> new FrameworkStopOnExit(framework, WAIT).stopAndWait());
        assertThat(framework.getState()).isEqualTo(Bundle.STOPPING);

        stopHeld.countDown();

        assertThat(hook.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the hook saw the stop end").isTrue();
        assertThat(framework.getState()).isEqualTo(Bundle.RESOLVED);
        assertThat(new FrameworkStopOnExit(framework, WAIT).stopAndWait()).as("once stopped, again").isTrue();
    }

    @Test
    void aStopThatOutlastsTheTimeoutIsGivenUpOn() throws Exception {
        holdTheStop();

        boolean stopped = new FrameworkStopOnExit(framework, Duration.ofSeconds(1)).stopAndWait();

        assertThat(stopped).as("the hook gave up at its deadline").isFalse();
        assertThat(framework.getState()).as("the stop is still held").isEqualTo(Bundle.STOPPING);
    }

    @Test
    void theActivatorRegistersTheHookAndItsNormalStopRemovesIt() {
        ShutdownHookActivator activator = new ShutdownHookActivator();
        activator.start(framework.getBundleContext());
        Thread hook = activator.hook();
        assertThat(hook).isNotNull();
        assertThatThrownBy(() -> Runtime.getRuntime().addShutdownHook(hook)).as("registered")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previously registered");

        activator.stop(framework.getBundleContext());

        assertThat(Runtime.getRuntime().removeShutdownHook(hook)).as("still registered after the stop").isFalse();
    }

    @Test
    void aBadTimeoutIsReportedWithItsKeyAndTheDefaultUsed() {
        List<String> warnings = new ArrayList<>();

        assertThat(ShutdownHookActivator.timeoutSeconds("soon", warnings::add))
                .isEqualTo(ShutdownHookActivator.DEFAULT_TIMEOUT_SECONDS);
        assertThat(ShutdownHookActivator.timeoutSeconds(" 45 ", warnings::add)).isEqualTo(45);
        assertThat(ShutdownHookActivator.timeoutSeconds(null, warnings::add))
                .isEqualTo(ShutdownHookActivator.DEFAULT_TIMEOUT_SECONDS);
        assertThat(warnings).containsExactly("Configuration synccenter.shutdown.hook.timeout.seconds=soon in "
                + "configuration framework properties is not a whole number; using the default 30");
    }

    private void holdTheStop() {
        framework.getBundleContext().addBundleListener((SynchronousBundleListener) event -> {
            if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() == 0) {
                stopEntered.countDown();
                await(stopHeld);
            }
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Waited " + WAIT + " for a latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
