package dev.synccenter.itest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import dev.synccenter.itest.driver.ShutdownDriver;

/**
 * An OSGi framework as its own process, launched the way its users launch it: Equinox with
 * {@code java -jar org.eclipse.osgi.jar -configuration <dir>} and the bundle set in
 * {@code config.ini}, or Felix main with {@code java -jar} and {@code config.properties}. The bundles
 * are the jars this build copied to {@code target/bundles}, the framework-shutdown-hook bundle, and a
 * driver bundle ({@link ShutdownDriver}) that writes what it sees to a file. The framework's storage
 * stays between launches, as an installation's does.
 */
final class FrameworkProcess {

    enum Launcher {
        /** Its launcher ends the JVM on SIGTERM without stopping the framework: the hook does it. */
        EQUINOX,
        /** Stops the framework on SIGTERM itself ({@code felix.shutdown.hook=true}): the hook's stop is a second one. */
        FELIX_MAIN
    }

    /** The bundle set, by start level; the driver comes first, so that its listener sees every result. */
    private static final List<List<String>> START_LEVELS = List.of(
            List.of("slf4j-api.jar", "framework-shutdown-hook.jar", "org.osgi.util.function.jar",
                    "org.osgi.util.promise.jar", "org.osgi.service.component.jar", "org.apache.felix.scr.jar",
                    "org.apache.felix.configadmin.jar", "org.osgi.service.jdbc.jar", "sqlite-jdbc.jar",
                    "pax-jdbc-sqlite.jar", "quartz.jar", "control-api.jar"),
            List.of("control-impl.jar"),
            List.of(ItestSupport.DEMO_V1));
    /** A fragment of slf4j-api: installed, never started. */
    private static final String LOG_BINDING = "slf4j-simple.jar";

    private final Launcher launcher;
    private final Path home;
    private final Path driver;

    private FrameworkProcess(Launcher launcher, Path home, Path driver) {
        this.launcher = launcher;
        this.home = home;
        this.driver = driver;
    }

    /** A fresh installation in {@code home} (what was there is removed). */
    static FrameworkProcess create(Launcher launcher, Path home) throws IOException {
        if (Files.exists(home)) {
            try (Stream<Path> all = Files.walk(home)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(home.resolve("configuration"));
        Path absolute = home.toAbsolutePath();
        return new FrameworkProcess(launcher, absolute, driverBundle(absolute.resolve("shutdown-driver.jar")));
    }

    /**
     * Launches the framework on the installation; its console output goes to {@code <run>.log}, the
     * driver's lines to {@code <run>.driver}. The driver starts {@code requests} requests of the
     * demo handler (none: it only listens).
     */
    Process launch(String run, int requests) throws IOException {
        String driverProperties = "itest.driver.out=" + driverFile(run) + "\nitest.driver.requests=" + requests + "\n";
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        Path config = home.resolve("configuration");
        if (launcher == Launcher.EQUINOX) {
            Files.writeString(config.resolve("config.ini"), equinoxConfig() + driverProperties);
            command.addAll(List.of("-jar", ItestSupport.file("org.eclipse.osgi.jar").toString(),
                    "-configuration", config.toString(), "-consoleLog"));
        } else {
            Path properties = config.resolve("config.properties");
            Files.writeString(properties, felixMainConfig() + driverProperties);
            command.addAll(List.of("-Dfelix.config.properties=" + properties.toUri(), "-jar",
                    ItestSupport.file("org.apache.felix.main.jar").toString()));
        }
        return new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log(run).toFile()).start();
    }

    Path log(String run) {
        return home.resolve(run + ".log");
    }

    Path driverFile(String run) {
        return home.resolve(run + ".driver");
    }

    private String equinoxConfig() {
        List<String> bundles = new ArrayList<>();
        bundles.add("reference:" + ItestSupport.url(LOG_BINDING));
        bundles.add("reference:" + driver.toUri() + "@1:start");
        for (int level = 0; level < START_LEVELS.size(); level++) {
            for (String jar : START_LEVELS.get(level)) {
                bundles.add("reference:" + ItestSupport.url(jar) + "@" + (level + 1) + ":start");
            }
        }
        return "osgi.bundles=" + String.join(",", bundles) + "\n"
                + "osgi.bundles.defaultStartLevel=4\nosgi.startLevel=4\n"
                // No application and no console: the framework runs until it is stopped.
                + "eclipse.ignoreApp=true\nosgi.noShutdown=true\n";
    }

    private String felixMainConfig() {
        StringBuilder config = new StringBuilder()
                .append("org.osgi.framework.storage=").append(home.resolve("felix-cache")).append('\n')
                .append("felix.auto.deploy.action=\n") // no bundle/ folder here
                .append("felix.auto.install.1=").append(ItestSupport.url(LOG_BINDING)).append('\n')
                .append("felix.auto.start.1=").append(driver.toUri());
        for (int level = 0; level < START_LEVELS.size(); level++) {
            if (level > 0) {
                config.append("\nfelix.auto.start.").append(level + 1).append('=');
            }
            for (String jar : START_LEVELS.get(level)) {
                config.append(' ').append(ItestSupport.url(jar));
            }
        }
        return config.append("\norg.osgi.framework.startlevel.beginning=4\nfelix.startlevel.bundle=4\n")
                .append("felix.shutdown.hook=true\n").toString();
    }

    /** The driver bundle, from the compiled test classes of its package. */
    private static Path driverBundle(Path jar) throws IOException {
        String pkg = ShutdownDriver.class.getPackageName().replace('.', '/');
        Path classes;
        try {
            classes = Path.of(ShutdownDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "itest.shutdown.driver");
        main.putValue("Bundle-Activator", ShutdownDriver.class.getName());
        main.putValue("Import-Package", "dev.synccenter.control;version=\"[1.4,2)\","
                + "dev.synccenter.handler;version=\"[1.2,2)\",org.osgi.framework,org.osgi.service.cm,"
                + "org.osgi.util.tracker");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> compiled = Files.list(classes.resolve(pkg))) {
            for (Path c : compiled.toList()) {
                out.putNextEntry(new JarEntry(pkg + "/" + c.getFileName()));
                Files.copy(c, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
