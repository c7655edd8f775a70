package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.synccenter.testsupport.Poll;

/**
 * bin/sync-center refuses to start a second platform where it would fight the first: from the same
 * folder (the same store and cache), or from a copy on a port the first one holds, where its
 * bin/sync would silently drive the first. The refusal names the setting to change, and the
 * first platform serves on, undisturbed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondInstanceIT {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Pattern ENDPOINT_PORT = Pattern.compile("(?m)^port=(\\d+)$");
    private static final Pattern HTTP_PORT = Pattern.compile("(?m)^org\\.osgi\\.service\\.http\\.port=(\\d+)$");

    private final Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));

    private Distribution first;

    @BeforeAll
    void startTheFirst() throws IOException {
        first = Distribution.start(template, work.resolve("first-instance"), Map.of());
        first.awaitReady(STARTUP);
        // Jetty starts last (start level 3), after what awaitReady waits for.
        Poll.until("the first platform's HTTP port to listen", STARTUP, () -> {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), first.httpPort)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }, listening -> listening);
    }

    @AfterAll
    void stop() {
        if (first != null) {
            first.close();
        }
    }

    @Test
    void theSameFolderStartedAgainIsRefusedAsRunningAlready() throws Exception {
        Refusal refusal = launch(first.home());

        assertThat(refusal.status).as(refusal.output).isEqualTo(1);
        assertThat(refusal.output).as("status %d", refusal.status).contains("is running already, as process " + first.process().pid());
        assertThatTheFirstStillServes();
    }

    @Test
    void aCopyOnTheFirstsEndpointPortIsRefusedNamingThePortSetting() throws Exception {
        Path copy = copyOfTheFirst("same-endpoint-port");

        Refusal refusal = launch(copy);

        assertThat(refusal.status).as(refusal.output).isEqualTo(1);
        assertThat(refusal.output).contains("port " + last(ENDPOINT_PORT, first.home().resolve(
                "etc/dev.synccenter.shell.remote.cfg")) + " on 127.0.0.1 is in use")
                .contains("set port=<a free port> in " + copy.resolve("etc/dev.synccenter.shell.remote.cfg"));
        assertThatTheFirstStillServes();
    }

    @Test
    void aCopyOnTheFirstsHttpPortIsRefusedNamingTheHttpPortSetting() throws Exception {
        Path copy = copyOfTheFirst("same-http-port");
        Path endpointCfg = copy.resolve("etc/dev.synccenter.shell.remote.cfg");
        Files.writeString(endpointCfg, Files.readString(endpointCfg) + "\nport=" + Distribution.freePort() + "\n");

        Refusal refusal = launch(copy);

        assertThat(refusal.status).as(refusal.output).isEqualTo(1);
        assertThat(refusal.output).contains("port " + last(HTTP_PORT, first.home().resolve("conf/config.properties"))
                + " on 127.0.0.1 is in use")
                .contains("set org.osgi.service.http.port=<a free port> in " + copy.resolve("conf/config.properties"));
        assertThatTheFirstStillServes();
    }

    /** The first platform's configuration (its ports) in a fresh copy of the distribution. */
    private Path copyOfTheFirst(String name) throws IOException {
        Path copy = work.resolve(name);
        Distribution.deleteTree(copy);
        Distribution.copyTree(template, copy);
        for (String file : new String[] {"etc/dev.synccenter.shell.remote.cfg", "conf/config.properties"}) {
            Files.copy(first.home().resolve(file), copy.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    private record Refusal(int status, String output) {
    }

    private static Refusal launch(Path home) throws Exception {
        Process p = new ProcessBuilder(home.resolve("bin/sync-center").toString()).redirectErrorStream(true).start();
        // Read to the end of the pipe, not to the script's exit: the script's output passes through
        // its log's tee process, which may write after the script ended, and Java closes the pipe of
        // an ended process once it drained what was there.
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("a second platform in " + home + " started instead of being refused: "
                    + output.get(10, TimeUnit.SECONDS));
        }
        return new Refusal(p.exitValue(), output.get(30, TimeUnit.SECONDS));
    }

    private void assertThatTheFirstStillServes() throws IOException {
        assertThat(first.process().isAlive()).isTrue();
        assertThat(first.ok("sync:handlers").text()).contains("SERVING");
    }

    private static String last(Pattern setting, Path file) throws IOException {
        Matcher m = setting.matcher(Files.readString(file));
        String value = null;
        while (m.find()) {
            value = m.group(1);
        }
        if (value == null) {
            throw new IllegalStateException(file + " sets no " + setting);
        }
        return value;
    }
}
