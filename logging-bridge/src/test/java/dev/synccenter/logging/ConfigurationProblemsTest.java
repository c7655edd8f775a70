package dev.synccenter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;

/** Logback's complaints about a configuration, with a real Logback context and Joran. */
class ConfigurationProblemsTest {

    private final LoggerContext logback = new LoggerContext();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aConfigurationThatDoesNotParseIsShownWithTheFileAndNothingElseIs() {
        logback.getStatusManager().add(new ConfigurationProblems("/opt/sc/etc/logback.xml",
                new PrintStream(err, true, StandardCharsets.UTF_8)));

        configure("<configuration><root level=\"INFO\"/></configuration>");
        assertThat(err.toString(StandardCharsets.UTF_8)).as("a good file: no line").isEmpty();

        logback.reset(); // what a re-read of the file begins with
        configure("<configuration><root level=\"INFO\">");

        String shown = err.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains(" ERROR [logback] /opt/sc/etc/logback.xml - ").contains("XML");
        assertThat(shown.lines()).allMatch(l -> l.matches(
                "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} (ERROR|WARN ) \\[logback\\] /opt/sc/etc/logback.xml - .*"));
    }

    private void configure(String xml) {
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(logback);
        try {
            joran.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (JoranException expectedForTheBadOne) {
            // Joran reports the details as statuses
        }
    }
}
