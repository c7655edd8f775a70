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
 * Equinox as its own process, launched the way its users launch it ({@code java -jar
 * org.eclipse.osgi.jar -configuration <dir>}), with the platform's bundle set in its
 * {@code config.ini}: the jars this build copied to {@code target/bundles}, the
 * framework-shutdown-hook bundle, and a driver bundle ({@link ShutdownDriver}) that writes what it
 * sees to a file. The configuration area stays between launches, as an installation's does.
 */
final class EquinoxProcess {

    /** The bundle set, by start level; the driver comes first, so that its listener sees every result. */
    private static final List<List<String>> START_LEVELS = List.of(
            List.of("slf4j-api.jar", "framework-shutdown-hook.jar", "org.osgi.util.function.jar",
                    "org.osgi.util.promise.jar", "org.osgi.service.component.jar", "org.apache.felix.scr.jar",
                    "org.apache.felix.configadmin.jar", "org.osgi.service.jdbc.jar", "sqlite-jdbc.jar",
                    "pax-jdbc-sqlite.jar", "quartz.jar", "control-api.jar"),
            List.of("control-impl.jar"),
            List.of(ItestSupport.DEMO_V1));

    private final Path home;
    private final Path driver;

    private EquinoxProcess(Path home, Path driver) {
        this.home = home;
        this.driver = driver;
    }

    /** A fresh installation in {@code home} (what was there is removed). */
    static EquinoxProcess create(Path home) throws IOException {
        if (Files.exists(home)) {
            try (Stream<Path> all = Files.walk(home)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(home.resolve("configuration"));
        return new EquinoxProcess(home.toAbsolutePath(), driverBundle(home.resolve("shutdown-driver.jar")));
    }

    /**
     * Launches Equinox on the installation; its console output goes to {@code <run>.log}, the
     * driver's lines to {@code <run>.driver}. The driver starts {@code requests} requests of the
     * demo handler (none: it only listens).
     */
    Process launch(String run, int requests) throws IOException {
        Files.writeString(home.resolve("configuration/config.ini"), configIni(driverFile(run), requests));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-jar",
                ItestSupport.file("org.eclipse.osgi.jar").toString(), "-configuration",
                home.resolve("configuration").toString(), "-consoleLog")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log(run).toFile()).start();
    }

    Path log(String run) {
        return home.resolve(run + ".log");
    }

    Path driverFile(String run) {
        return home.resolve(run + ".driver");
    }

    private String configIni(Path driverOut, int requests) {
        List<String> bundles = new ArrayList<>();
        bundles.add("reference:" + ItestSupport.url("slf4j-simple.jar")); // a fragment: never started
        bundles.add("reference:" + driver.toUri() + "@1:start");
        for (int level = 0; level < START_LEVELS.size(); level++) {
            for (String jar : START_LEVELS.get(level)) {
                bundles.add("reference:" + ItestSupport.url(jar) + "@" + (level + 1) + ":start");
            }
        }
        return String.join("\n",
                "osgi.bundles=" + String.join(",", bundles),
                "osgi.bundles.defaultStartLevel=4",
                "osgi.startLevel=4",
                // No application and no console: the framework runs until it is stopped.
                "eclipse.ignoreApp=true",
                "osgi.noShutdown=true",
                "itest.driver.out=" + driverOut,
                "itest.driver.requests=" + requests,
                "");
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
