package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.synccenter.testsupport.Poll;

/**
 * A handler in five minutes, end to end, as a user does it: generate a project from the handler
 * archetype built in this run, in a folder outside the repository; build it with {@code mvn package}
 * (its own unit tests on handler-testing included); drop the jar into handlers/ of the running
 * distribution; and find the new handler listed and its items synced through {@code bin/sync}. Maven
 * runs as a child process ({@link ChildMaven}) that resolves the reactor's artifacts from
 * target/it-repo, never from an mvn install.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandlerArchetypeIT {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HANDLER_ID = "photos";
    /** The API's README, from the distribution module's folder, where failsafe runs. */
    private static final Path API_README = Path.of("../control-api/README.md");

    private final Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work")).toAbsolutePath();
    private final Path reactorRepo = Path.of(System.getProperty("it.repo.dir", "target/it-repo")).toAbsolutePath();
    private final Path outerRepo = Path.of(required("it.outer.repo"));
    private final boolean offline = offline(required("it.offline"));
    private final String version = required("synccenter.version");
    private final String archetypePlugin = "org.apache.maven.plugins:maven-archetype-plugin:"
            + required("archetype.version") + ":generate";

    /** One child Maven set-up for both tests, so that the second finds the plugins the first resolved. */
    private ChildMaven mvn;

    @BeforeAll
    void setUpChildMaven() throws IOException {
        mvn = ChildMaven.in(work.resolve("archetype-maven"), reactorRepo, outerRepo, offline);
    }

    @Test
    void aProjectFromTheArchetypeBuildsOutsideTheRepositoryAndItsHandlerSyncsInTheDistribution() throws Exception {
        Path outside = Files.createTempDirectory("handler-archetype-it"); // not under the repository's pom
        boolean passed = false;
        try {
            ChildMaven.Run generated = mvn.run(outside, "generate", archetypePlugin, "-DarchetypeCatalog=internal",
                    "-DarchetypeGroupId=dev.synccenter", "-DarchetypeArtifactId=handler-archetype",
                    "-DarchetypeVersion=" + version, "-DgroupId=com.example", "-DartifactId=photo-sync",
                    "-Dversion=1.0.0", "-Dpackage=com.example.photos", "-DhandlerId=" + HANDLER_ID,
                    "-DhandlerClass=PhotoHandler", "-DhandlerName=Photo library");
            assertThat(generated.status()).as("mvn archetype:generate:\n%s", generated.output()).isZero();
            Path project = outside.resolve("photo-sync");
            Path handler = project.resolve("src/main/java/com/example/photos/PhotoHandler.java");
            assertThat(Files.readAllLines(handler)).as("the handler class").hasSizeLessThan(40)
                    .contains("@SyncHandlerId(\"" + HANDLER_ID + "\")");
            assertThat(project.resolve("src/test/java/com/example/photos/PhotoHandlerTest.java")).exists();
            assertThat(Files.readString(project.resolve("README.md"))).contains("mvn package").contains("\n## Build\n")
                    .contains("handlers/photo-sync.jar");
            assertThat(Files.readString(project.resolve("pom.xml")))
                    .contains("<synccenter.version>" + version + "</synccenter.version>").doesNotContain("<parent>");

            ChildMaven.Run built = mvn.run(project, "package", "package");
            assertThat(built.status()).as("mvn package:\n%s", built.output()).isZero();
            assertThat(built.output()).as("the generated project's own tests ran and passed")
                    .containsPattern("Tests run: [1-9]\\d*, Failures: 0, Errors: 0, Skipped: 0");
            Path jar = project.resolve("target/photo-sync-1.0.0.jar");
            assertThat(jar).exists();

            syncsInTheDistribution(jar);
            passed = true;
        } finally {
            if (passed) {
                Distribution.deleteTree(outside); // kept after a failure, for a look at the project
            }
        }
    }

    @Test
    void aHandlerIdThePlatformWouldIgnoreIsRefusedNamingThePropertyAndNoProjectIsLeft() throws Exception {
        Path outside = Files.createTempDirectory("handler-archetype-bad-id");
        try {
            ChildMaven.Run refused = mvn.run(outside, "generate-bad-id", archetypePlugin, "-DarchetypeCatalog=internal",
                    "-DarchetypeGroupId=dev.synccenter", "-DarchetypeArtifactId=handler-archetype",
                    "-DarchetypeVersion=" + version, "-DgroupId=com.example", "-DartifactId=bad-id",
                    "-Dpackage=com.example.bad", "-DhandlerId= padded"); // C1: no outer white space

            assertThat(refused.status()).as("mvn archetype:generate:\n%s", refused.output()).isNotZero();
            assertThat(refused.output()).contains("handlerId: ' padded' must not have leading or trailing white space");
            assertThat(outside.resolve("bad-id")).doesNotExist();
        } finally {
            Distribution.deleteTree(outside);
        }
    }

    @Test
    void theHandlerRecipeOfTheApiReadmeBuildsOutsideTheRepositoryAsWritten() throws Exception {
        String readme = Files.readString(API_README);
        String pom = block(readme, "**By hand, outside this repository.**", "```xml\n");
        String java = block(readme, "### 2.2 A complete handler", "```java\n");
        String headers = block(readme, "you need no `bnd.bnd` file", "```\n");
        Matcher pkg = Pattern.compile("(?m)^package ([\\w.]+);").matcher(java);
        Matcher cls = Pattern.compile("(?m)^public class (\\w+)").matcher(java);
        assertThat(pkg.find() && cls.find()).as("the README's handler has a package and a public class").isTrue();

        Path outside = Files.createTempDirectory("handler-recipe-it");
        boolean passed = false;
        try {
            Path project = Files.createDirectories(outside.resolve("photo-sync-handler"));
            Files.writeString(project.resolve("pom.xml"), pom);
            Path sources = Files.createDirectories(
                    project.resolve("src/main/java").resolve(pkg.group(1).replace('.', '/')));
            Files.writeString(sources.resolve(cls.group(1) + ".java"), java);
            ChildMaven.Run built = mvn.run(project, "readme-recipe", "package");

            assertThat(built.status()).as("mvn package of the README's pom and handler:\n%s", built.output()).isZero();
            Path jar = project.resolve("target/photo-sync-handler-1.0.0.jar");
            try (JarFile bundle = new JarFile(jar.toFile())) {
                Attributes manifest = bundle.getManifest().getMainAttributes();
                for (String header : List.of("Import-Package", "Service-Component")) {
                    String shown = headers.lines().filter(l -> l.startsWith(header + ": ")).findFirst()
                            .orElseThrow(() -> new AssertionError("the README shows no " + header + " header"))
                            .substring(header.length() + 2).replace("...", "");
                    assertThat(manifest.getValue(header)).as("%s, as the README shows it", header).startsWith(shown);
                }
            }
            passed = true;
        } finally {
            if (passed) {
                Distribution.deleteTree(outside);
            }
        }
    }

    /** The text of the first fenced block that opens with {@code fence} after {@code marker}. */
    private static String block(String text, String marker, String fence) {
        int at = text.indexOf(marker);
        assertThat(at).as("the README has %s", marker).isNotNegative();
        int start = text.indexOf(fence, at);
        assertThat(start).as("a %s block after %s", fence.trim(), marker).isNotNegative();
        start += fence.length();
        return text.substring(start, text.indexOf("\n```", start) + 1);
    }

    private void syncsInTheDistribution(Path jar) throws IOException, InterruptedException {
        try (Distribution dist = Distribution.start(template, work.resolve("archetype"), Map.of())) {
            dist.awaitReady(STARTUP);
            assertThat(dist.client("handlers").text()).as("before the drop").doesNotContain(HANDLER_ID + " ");

            dist.dropHandler(jar, "photo-sync.jar"); // FileInstall installs it
            String handlers = Poll.until("bin/sync handlers to list " + HANDLER_ID + " as SERVING", WAIT,
                    () -> dist.client("handlers").text(),
                    text -> line(text, HANDLER_ID).contains("SERVING"));
            assertThat(line(handlers, HANDLER_ID)).contains("Photo library");
            assertThat(dist.client("items", HANDLER_ID).text()).contains("first").contains("second");

            Distribution.Answer started = dist.client("start", HANDLER_ID, "first", "second");
            assertThat(started.status()).as("bin/sync start: %s", started).isZero();
            String id = started.lines().get(0).trim();
            assertThat(dist.client("wait", id, "30").text()).startsWith("request " + id + " DONE SUCCEEDED");
            String request = dist.client("request", id).text();
            assertThat(request).containsPattern("(?m)^result\\s+SUCCEEDED$")
                    .containsPattern("(?m)^handler\\s+" + Pattern.quote(HANDLER_ID) + "$");
        }
    }

    private static String line(String table, String handlerId) {
        List<String> lines = table.lines().filter(l -> l.startsWith(handlerId + " ")).toList();
        return lines.isEmpty() ? "" : lines.get(0);
    }

    /** The outer build's settings.offline, as the pom passes it: "offline=true" or "offline=false". */
    private static boolean offline(String value) {
        if (!value.matches("offline=(true|false)")) {
            throw new IllegalStateException("it.offline: expected offline=true or offline=false, was " + value);
        }
        return value.endsWith("true");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + ": not set; run this test through the distribution's failsafe "
                    + "configuration (mvn verify)");
        }
        return value;
    }
}
