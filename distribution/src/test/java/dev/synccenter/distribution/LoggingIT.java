package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.synccenter.distribution.fixture.LogBurst;
import dev.synccenter.distribution.fixture.LogProbe;
import dev.synccenter.testsupport.Poll;

/**
 * The distribution's logging, run as a process: one format for every line of the log files
 * (FileInstall, the engine, Jetty, a handler, the OSGi Log Service, java.util.logging), an edited
 * level taking effect while running, rotation that keeps the log within its configured total, and
 * the OSGi Log Service's reader holding the platform's entries. The distribution's own
 * etc/logback.xml is used with small sizes, a short scan period and Jetty at INFO.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoggingIT {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long MAX_FILE_SIZE = 64 * 1024;
    private static final long TOTAL_SIZE_CAP = 256 * 1024;
    /** A line as etc/logback.xml writes it: time, level, [thread], logger - message. */
    private static final Pattern LINE = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR) \\[[^\\]]*\\] (\\S+) - (.*)$");
    /** The lines of a stack trace below a logged line. */
    private static final Pattern TRACE = Pattern.compile(
            "^(\\s+at .*|\\s+\\.\\.\\. \\d+ (more|common frames omitted)|Caused by: .*|\\s+Suppressed: .*|[\\w.$]+(Exception|Error)(: .*)?)$");
    private static final Pattern ARCHIVE = Pattern.compile("sync-center\\.\\d{4}-\\d\\d-\\d\\d\\.\\d+\\.log");

    private final Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
    private final Path jars = Path.of(System.getProperty("it.jars.dir", "target/it-jars"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));

    private Distribution dist;

    @BeforeAll
    void startDistribution() throws IOException {
        String demo = Files.readString(template.resolve("etc/dev.synccenter.sample.demo.cfg"))
                + "\n# LoggingIT: a bad value, so that the handler logs a warning\nbehaviour=loud\n";
        dist = Distribution.start(template, work.resolve("logging"),
                Map.of("logback.xml", testLogback(), "dev.synccenter.sample.demo.cfg", demo));
        dist.awaitReady(STARTUP);
        dist.dropHandler(FixtureBundle.build(work.resolve("fixtures/log-probe.jar"), LogProbe.class,
                "dev.synccenter.test.logprobe", "TEST FIXTURE: log probe (LoggingIT)",
                "org.osgi.framework;version=\"[1.8,2)\",org.osgi.service.log;version=\"[1.4,2)\","
                        + "org.slf4j;version=\"[1.7,3)\""), "log-probe.jar");
        Poll.until("the log probe's report", WAIT, () -> Files.exists(dist.home.resolve(LogProbe.REPORT)), r -> r);
    }

    @AfterAll
    void stopDistribution() {
        if (dist != null) {
            dist.close();
        }
    }

    /** The distribution's etc/logback.xml with a short scan period, small files and Jetty at INFO. */
    private String testLogback() throws IOException {
        String xml = Files.readString(template.resolve("etc/logback.xml"));
        String[][] edits = {
            {"scanPeriod=\"10 seconds\"", "scanPeriod=\"500 milliseconds\""},
            {"<maxFileSize>10MB</maxFileSize>", "<maxFileSize>" + MAX_FILE_SIZE + "</maxFileSize>"},
            {"<totalSizeCap>200MB</totalSizeCap>", "<totalSizeCap>" + TOTAL_SIZE_CAP + "</totalSizeCap>"},
            // uncompressed archives, so that the total the cap bounds is the text's size
            {".%i.log.gz</fileNamePattern>", ".%i.log</fileNamePattern>"},
            {"<logger name=\"org.eclipse.jetty\" level=\"WARN\"/>", "<logger name=\"org.eclipse.jetty\" level=\"INFO\"/>"},
            // the burst need not be copied to the console too
            {"${sync.center.console.level:-INFO}", "WARN"},
        };
        for (String[] edit : edits) {
            assertThat(xml).as("etc/logback.xml").contains(edit[0]);
            xml = xml.replace(edit[0], edit[1]);
        }
        return xml;
    }

    @Test
    @Order(1)
    void everyLineOfTheLogHasTheOneFormatWhoeverWroteIt() throws Exception {
        // Felix HTTP logs through the OSGi Log Service, Jetty through slf4j: both once Jetty has started.
        String log = Poll.until("Jetty's start in the log", WAIT, dist::logText,
                t -> t.contains("Started Jetty") && t.contains("org.eclipse.jetty.server.Server"));
        log = Poll.until("the probe's three lines in the log", WAIT, dist::logText,
                t -> t.contains(LogProbe.OSGI_HELLO) && t.contains(LogProbe.JUL_HELLO) && t.contains(LogProbe.SLF4J_HELLO));

        List<String[]> lines = new ArrayList<>(); // logger, message
        boolean afterLine = false;
        for (String line : log.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                lines.add(new String[] {m.group(2), m.group(3)});
                afterLine = true;
            } else {
                assertThat(afterLine && TRACE.matcher(line).matches())
                        .as("a line in neither the log's format nor a stack trace's: '%s'", line).isTrue();
            }
        }
        assertThat(lines).as("FileInstall's installs").anySatisfy(l -> {
            assertThat(l[0]).isEqualTo("LogService.org.apache.felix.fileinstall");
            assertThat(l[1]).startsWith("Started bundle: ").contains("log-probe.jar");
        });
        assertThat(lines).as("the engine's").anySatisfy(l -> {
            assertThat(l[0]).isEqualTo("dev.synccenter.impl.SyncCenterComponent");
            assertThat(l[1]).startsWith("Engine settings from ");
        });
        assertThat(lines).as("Jetty's own").anySatisfy(l -> assertThat(l[0]).startsWith("org.eclipse.jetty."));
        assertThat(lines).as("Felix HTTP's, through the OSGi Log Service").anySatisfy(l -> {
            assertThat(l[0]).isEqualTo("org.apache.felix.http");
            assertThat(l[1]).startsWith("Started Jetty");
        });
        assertThat(lines).as("a handler's").anySatisfy(l -> {
            assertThat(l[0]).isEqualTo("dev.synccenter.sample.demo.DemoSettings");
            assertThat(l[1]).contains("'behaviour' 'loud' is none of");
        });
        assertThat(lines).as("an OSGi Logger's, java.util.logging's and slf4j's").anySatisfy(l -> {
            assertThat(l[0]).isEqualTo("dev.synccenter.test.logprobe");
            assertThat(l[1]).isEqualTo(LogProbe.OSGI_HELLO);
        }).anySatisfy(l -> {
            assertThat(l[0]).isEqualTo("dev.synccenter.test.logprobe.jul");
            assertThat(l[1]).isEqualTo(LogProbe.JUL_HELLO);
        }).anySatisfy(l -> {
            assertThat(l[0]).isEqualTo("dev.synccenter.test.logprobe.slf4j");
            assertThat(l[1]).isEqualTo(LogProbe.SLF4J_HELLO);
        });
    }

    @Test
    @Order(2)
    void theOsgiLogServicesReaderIsActiveAndHoldsThePlatformsEntries() throws Exception {
        Properties report = new Properties();
        report.load(Files.newBufferedReader(dist.home.resolve(LogProbe.REPORT), StandardCharsets.UTF_8));

        assertThat(report.getProperty("reader.bundle")).isEqualTo("org.apache.felix.log");
        assertThat(report.getProperty("reader.active")).isEqualTo("true");
        assertThat(report.getProperty("probe.entry.seen")).as("the probe's own entry").isEqualTo("true");
        assertThat(Integer.parseInt(report.getProperty("fileinstall.entries"))).as("FileInstall's entries")
                .isPositive();
    }

    @Test
    @Order(3)
    void aLevelEditedInEtcLogbackXmlTakesEffectWhileThePlatformRunsAndABrokenEditIsReported() throws Exception {
        String accepted = "dev.synccenter.impl.engine.Intake - Accepted ";
        long before = startDemo();
        dist.ok("sync:wait " + before + " 60");
        assertThat(dist.logText()).as("the log before the edit").doesNotContain(accepted).doesNotContain(" DEBUG ");

        Path config = dist.home.resolve("etc/logback.xml");
        String xml = Files.readString(config);
        String info = "<logger name=\"dev.synccenter\" level=\"INFO\"/>";
        assertThat(xml).contains(info);

        // A slip first: the file no longer parses. Logback keeps its configuration and the bridge says why.
        edit(config, xml.replace("</configuration>", ""));
        Poll.until("the broken file reported on standard output", WAIT, dist::consoleText,
                out -> Pattern.compile("ERROR \\[logback\\] \\S*/etc/logback\\.xml - ").matcher(out).find());

        edit(config, xml.replace(info, "<logger name=\"dev.synccenter\" level=\"DEBUG\"/>"));

        // Each try is one request, waited for; Logback takes the edit within its scan period.
        Poll.until("a debug line of the engine after the edit", WAIT, () -> {
            long id = startDemo();
            dist.ok("sync:wait " + id + " 60");
            return dist.logText();
        }, log -> Pattern.compile(" DEBUG \\[[^\\]]*\\] " + Pattern.quote(accepted)).matcher(log).find());
    }

    @Test
    @Order(4)
    void rotationKeepsTheRolledFilesWithinTheirTotalSize() throws Exception {
        dist.dropHandler(FixtureBundle.build(work.resolve("fixtures/log-burst.jar"), LogBurst.class,
                "dev.synccenter.test.logburst", "TEST FIXTURE: log burst (LoggingIT)",
                "org.osgi.framework;version=\"[1.8,2)\",org.slf4j;version=\"[1.7,3)\""), "log-burst.jar");
        Poll.until("the end of the burst in the log", WAIT, this::allLogText, t -> t.contains(LogBurst.LAST));

        // Logback removes the oldest rolled files after a roll-over, on a thread of its own.
        List<Path> archives = Poll.until("rolled files within " + TOTAL_SIZE_CAP + " bytes", WAIT, this::archives,
                a -> a.size() >= 2 && total(a) <= TOTAL_SIZE_CAP);
        long burst = (long) LogBurst.LINES * 200;
        assertThat(burst).as("the burst is far more than the cap").isGreaterThan(4 * TOTAL_SIZE_CAP);
        assertThat(allLogText()).as("the oldest burst lines are gone")
                .doesNotContain("log burst: line 1 of " + LogBurst.LINES + " ");
        assertThat(Files.size(dist.home.resolve("logs/sync-center.log"))).as("the active file")
                .isLessThan(TOTAL_SIZE_CAP);
        assertThat(archives).allSatisfy(a -> assertThat(Files.size(a)).isLessThan(TOTAL_SIZE_CAP));
    }

    /** Replaces the file at once, as an editor that saves through a rename does. */
    private void edit(Path file, String text) throws IOException {
        Path edited = Files.writeString(dist.home.resolve("logback.xml.edited"), text);
        Files.move(edited, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private long startDemo() throws IOException {
        List<String> lines = dist.ok("sync:start demo alpha").lines();
        return Long.parseLong(lines.get(lines.size() - 1).trim());
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(dist.home.resolve("logs"))) {
            return files.filter(f -> ARCHIVE.matcher(f.getFileName().toString()).matches()).toList();
        }
    }

    private static long total(List<Path> files) {
        long sum = 0;
        for (Path f : files) {
            try {
                sum += Files.size(f);
            } catch (IOException gone) {
                // removed between the listing and now: it no longer counts
            }
        }
        return sum;
    }

    private String allLogText() throws IOException {
        StringBuilder text = new StringBuilder(dist.logText());
        for (Path archive : archives()) {
            try {
                text.append(Files.readString(archive));
            } catch (IOException gone) {
                // removed by Logback meanwhile
            }
        }
        return text.toString();
    }
}
