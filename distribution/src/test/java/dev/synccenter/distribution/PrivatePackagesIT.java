package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The platform's bundles as the distribution ships them: control-api is the only one that exports
 * packages, and the raw-configuration reader (config-values, package {@value #CONFIG}) is a private
 * copy inside each bundle that reads configuration, never a bundle of its own nor an import or an
 * export. (An export would let one bundle's copy serve another's, tying their updates together.)
 */
class PrivatePackagesIT {

    private static final String CONFIG = "dev.synccenter.config";
    private static final List<String> READERS = List.of("control-impl", "control-security", "control-shell",
            "control-http", "control-webconsole");

    private final Path bundles = Path.of(System.getProperty("dist.dir", "target/sync-center")).resolve("bundle");

    @Test
    void onlyControlApiExportsAndTheConfigurationReaderIsCopiedInPrivately() throws IOException {
        List<String> own = new ArrayList<>();
        for (Path jar : jars()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                Attributes main = file.getManifest().getMainAttributes();
                String name = main.getValue("Bundle-SymbolicName");
                assertThat(name).as("%s is a bundle (config-values is not shipped)", jar.getFileName()).isNotNull();
                String imports = String.valueOf(main.getValue("Import-Package"));
                String exports = String.valueOf(main.getValue("Export-Package"));
                assertThat(imports).as("imports of %s", name).doesNotContain(CONFIG);
                assertThat(exports).as("exports of %s", name).doesNotContain(CONFIG);
                if (!name.startsWith("control-")) {
                    continue;
                }
                own.add(name);
                if (!name.equals("control-api")) {
                    assertThat(main.getValue("Export-Package")).as("exports of %s", name).isNull();
                }
                if (READERS.contains(name)) {
                    assertThat(file.getEntry(CONFIG.replace('.', '/') + "/RawConfig.class"))
                            .as("%s carries its own copy of %s", name, CONFIG).isNotNull();
                    assertThat(main.getValue("Private-Package")).as("private packages of %s", name).contains(CONFIG);
                }
            }
        }
        assertThat(own).as("the platform's bundles in bundle/").containsAll(READERS).contains("control-api");
    }

    private List<Path> jars() throws IOException {
        try (Stream<Path> files = Files.list(bundles)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }
}
