package dev.synccenter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** The forwarder with a real Logback context; the entries are what Felix Log hands its listeners. */
class EntryForwarderTest {

    private final LoggerContext logback = new LoggerContext();
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();
    private final EntryForwarder forwarder = new EntryForwarder(logback);

    @BeforeEach
    void appender() {
        seen.setContext(logback);
        seen.start();
        Logger root = logback.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(seen);
    }

    @Test
    void anEntryKeepsItsTimeThreadLevelMessageAndException() {
        IllegalStateException cause = new IllegalStateException("boom");
        forwarder.logged(new Entry("org.example.Thing", bundle("org.example"), LogLevel.WARN, "it broke", cause,
                1_700_000_000_123L, "worker-7"));

        assertThat(seen.list).singleElement().satisfies(e -> {
            assertThat(e.getLoggerName()).isEqualTo("org.example.Thing");
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).isEqualTo("it broke");
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("boom");
            assertThat(e.getTimeStamp()).isEqualTo(1_700_000_000_123L);
            assertThat(e.getThreadName()).isEqualTo("worker-7");
        });
    }

    @Test
    void theLogServicesGenericLoggersAndRootAreNamedAfterTheBundle() {
        Bundle fileinstall = bundle("org.apache.felix.fileinstall");
        forwarder.logged(new Entry("LogService", fileinstall, LogLevel.INFO, "Started bundle", null, 1, "t"));
        forwarder.logged(new Entry("Events.Framework", fileinstall, LogLevel.ERROR, "FrameworkEvent ERROR", null, 1, "t"));
        forwarder.logged(new Entry("ROOT", bundle("org.apache.felix.scr"), LogLevel.INFO, "Version = 2", null, 1, "t"));

        assertThat(seen.list).extracting(ILoggingEvent::getLoggerName).containsExactly(
                "LogService.org.apache.felix.fileinstall", "Events.Framework.org.apache.felix.fileinstall",
                "org.apache.felix.scr");
    }

    @Test
    void logbacksLevelForTheNameDecides() {
        logback.getLogger("Events.Bundle").setLevel(Level.WARN);
        logback.getLogger("org.example").setLevel(Level.DEBUG);

        forwarder.logged(new Entry("Events.Bundle", bundle("org.example"), LogLevel.INFO, "BundleEvent STARTED", null, 1, "t"));
        forwarder.logged(new Entry("org.example.Thing", bundle("org.example"), LogLevel.DEBUG, "detail", null, 1, "t"));
        forwarder.logged(new Entry("org.other.Thing", bundle("org.other"), LogLevel.DEBUG, "hidden", null, 1, "t"));
        forwarder.logged(new Entry("org.other.Thing", bundle("org.other"), LogLevel.AUDIT, "audited", null, 1, "t"));

        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("detail", "audited");
        assertThat(seen.list.get(1).getLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void curlyBracesInAMessageAreNotPlaceholders() {
        forwarder.logged(new Entry("x", bundle("x"), LogLevel.INFO, "map {a=1} and {}", null, 1, "t"));

        assertThat(seen.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .isEqualTo("map {a=1} and {}");
    }

    static Bundle bundle(String symbolicName) {
        return (Bundle) Proxy.newProxyInstance(EntryForwarderTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "toString" -> symbolicName;
                    case "hashCode" -> symbolicName.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A log entry as the Log Service hands it to its listeners. */
    record Entry(String loggerName, Bundle bundle, LogLevel logLevel, String message, Throwable exception, long time,
            String threadInfo) implements LogEntry {

        @Override
        public String getLoggerName() {
            return loggerName;
        }

        @Override
        public Bundle getBundle() {
            return bundle;
        }

        @Override
        public ServiceReference<?> getServiceReference() {
            return null;
        }

        @Override
        @SuppressWarnings("deprecation")
        public int getLevel() {
            return logLevel.ordinal();
        }

        @Override
        public LogLevel getLogLevel() {
            return logLevel;
        }

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public Throwable getException() {
            return exception;
        }

        @Override
        public long getTime() {
            return time;
        }

        @Override
        public String getThreadInfo() {
            return threadInfo;
        }

        @Override
        public long getSequence() {
            return 0;
        }

        @Override
        public StackTraceElement getLocation() {
            return null;
        }
    }
}
