package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.synccenter.testsupport.Poll;

/**
 * C24 end to end, with the seed's example of StartItemSync (sample-handlers/self-start-handler): its
 * jar is dropped into handlers/ of a running distribution that has never seen its handler IDs, then
 * replaced by its next version; each time, both its components (delayed and immediate) start a sync
 * of their own item from their activation, and the platform accepts and finishes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfStartDistributionIT {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String JAR = "self-start-handler.jar";
    /** Handler ID and DS component kind of the sample's two components. */
    private static final Map<String, String> COMPONENTS = Map.of("self-start", "delayed",
            "self-start-immediate", "immediate");
    private static final Pattern RESULTS_DELIVERED = Pattern.compile("(?m)^results delivered\\s+(\\d+)$");

    private final Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
    private final Path jars = Path.of(System.getProperty("it.jars.dir", "target/it-jars"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));

    private Distribution dist;

    @BeforeAll
    void startDistribution() throws IOException {
        dist = Distribution.start(template, work.resolve("self-start"), Map.of());
        dist.awaitReady(STARTUP);
    }

    @AfterAll
    void stopDistribution() {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    void c24_aHandlerThatStartsASyncOfItsOwnItemFromItsActivationIsServedOnFirstDeploymentAndOnUpdate()
            throws Exception {
        assertThat(dist.ok("sync:handlers").text()).as("a first deployment").doesNotContain("self-start");

        dist.dropHandler(jars.resolve("self-start-handler-v1.jar"), JAR); // FileInstall installs it
        selfStarted("1.0.0");

        dist.dropHandler(jars.resolve("self-start-handler-v2.jar"), JAR); // FileInstall updates it in place
        selfStarted("2.0.0");

        assertThat(dist.logText()).doesNotContain("self-start refused");
    }

    /** Both components of that version had their own request accepted, and it finished SUCCEEDED once. */
    private void selfStarted(String version) throws Exception {
        for (Map.Entry<String, String> c : COMPONENTS.entrySet()) {
            String said = c.getKey() + " " + version + " (" + c.getValue() + " component): self-start ";
            Pattern start = Pattern.compile(Pattern.quote(said) + "(request (\\d+) accepted|refused: .*)");
            String log = Poll.until("the log to tell what became of the start call of " + c.getKey() + " " + version,
                    WAIT, dist::logText, text -> start.matcher(text).find());
            Matcher m = start.matcher(log);
            assertThat(m.find()).isTrue();
            assertThat(m.group(2)).as("the start call from the activation of %s %s: %s", c.getKey(), version,
                    m.group(1)).isNotNull();
            long id = Long.parseLong(m.group(2));

            assertThat(dist.ok("sync:wait " + id + " 30").text()).startsWith("request " + id + " DONE SUCCEEDED");
            Poll.until("the handler's own listener to log the result of request " + id, WAIT, dist::logText,
                    text -> text.contains(said + "request " + id + " finished SUCCEEDED"));
            String shown = Poll.until("the shell to have seen the result of request " + id, WAIT,
                    () -> dist.ok("sync:request " + id).text(), text -> delivered(text) >= 1);
            assertThat(shown).containsPattern("(?m)^handler\\s+" + Pattern.quote(c.getKey()) + "$")
                    .containsPattern("(?m)^result\\s+SUCCEEDED$");
            assertThat(delivered(shown)).as("results delivered for request %s:\n%s", id, shown).isEqualTo(1);
        }
        String handlers = dist.ok("sync:handlers").text();
        for (String handlerId : COMPONENTS.keySet()) {
            assertThat(line(handlers, handlerId)).contains("SERVING")
                    .contains("dev.synccenter.sample.selfstart " + version);
        }
    }

    private static String line(String table, String handlerId) {
        List<String> lines = table.lines().filter(l -> l.startsWith(handlerId + " ")).toList();
        return lines.isEmpty() ? "(no " + handlerId + " line in)\n" + table : lines.get(0);
    }

    private static int delivered(String request) {
        Matcher m = RESULTS_DELIVERED.matcher(request);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
