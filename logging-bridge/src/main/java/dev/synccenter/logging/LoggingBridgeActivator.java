package dev.synccenter.logging;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import ch.qos.logback.classic.LoggerContext;

/**
 * Connects the three logging roads of the framework to Logback while this bundle is active: the
 * OSGi Log Service (every LogReaderService gets an {@link EntryForwarder}), java.util.logging (the
 * SLF4J bridge handler replaces the JDK's console handler, so FileInstall's lines reach the log
 * file) and the OSGi LoggerAdmin (a {@link LevelMirror} copies Logback's levels into it); and
 * shows Logback's complaints about an edited configuration ({@link ConfigurationProblems}).
 *
 * <p>A plain activator rather than a DS component: it starts at start level 1, before SCR, so that
 * the platform's first lines are already in the file.
 */
public final class LoggingBridgeActivator implements BundleActivator {

    private ServiceTracker<LogReaderService, LogReaderService> readers;
    private ServiceTracker<LoggerAdmin, LevelMirror> admins;
    private LoggerContext logback;
    private ConfigurationProblems problems;

    @Override
    public void start(BundleContext context) {
        logback = slf4jProvider();
        problems = new ConfigurationProblems(
                System.getProperty("logback.configurationFile", "Logback's configuration"), System.err);
        logback.getStatusManager().add(problems);
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

        EntryForwarder forwarder = new EntryForwarder(logback);
        readers = new ServiceTracker<>(context, LogReaderService.class, null) {
            @Override
            public LogReaderService addingService(ServiceReference<LogReaderService> ref) {
                LogReaderService reader = super.addingService(ref);
                if (reader != null) {
                    reader.addLogListener(forwarder);
                }
                return reader;
            }

            @Override
            public void removedService(ServiceReference<LogReaderService> ref, LogReaderService reader) {
                reader.removeLogListener(forwarder);
                super.removedService(ref, reader);
            }
        };
        admins = new ServiceTracker<>(context, LoggerAdmin.class, null) {
            @Override
            public LevelMirror addingService(ServiceReference<LoggerAdmin> ref) {
                LoggerAdmin admin = context.getService(ref);
                return admin == null ? null : LevelMirror.attach(logback, admin.getLoggerContext(null));
            }

            @Override
            public void removedService(ServiceReference<LoggerAdmin> ref, LevelMirror mirror) {
                mirror.detach();
                context.ungetService(ref);
            }
        };
        admins.open();
        readers.open();
    }

    @Override
    public void stop(BundleContext context) {
        readers.close();
        admins.close();
        SLF4JBridgeHandler.uninstall();
        logback.getStatusManager().remove(problems);
    }

    /** Logback's context: slf4j's provider in this framework, found through SPI Fly (started before this bundle). */
    private static LoggerContext slf4jProvider() {
        Object factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            throw new IllegalStateException("slf4j's provider is " + factory.getClass().getName()
                    + ", not Logback: start SPI Fly, slf4j-api and logback-classic before this bundle"
                    + " (felix.auto.start.1 in conf/config.properties)");
        }
        return (LoggerContext) factory;
    }
}
