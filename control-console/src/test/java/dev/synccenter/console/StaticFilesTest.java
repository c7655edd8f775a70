package dev.synccenter.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which request paths name which files of the bundle, and which name none. */
class StaticFilesTest {

    @Test
    void theRootIsThePage() {
        assertThat(StaticFiles.resolve("", "/")).hasValueSatisfying(a -> {
            assertThat(a.entry()).isEqualTo("console/index.html");
            assertThat(a.contentType()).startsWith("text/html");
        });
        assertThat(StaticFiles.resolve("", null)).isPresent();
        assertThat(StaticFiles.resolve("/", null)).as("as the default servlet").isPresent();
    }

    @Test
    void filesUnderConsoleAreServedWithTheirType() {
        assertThat(StaticFiles.resolve("/console", "/app.js")).hasValueSatisfying(a -> {
            assertThat(a.entry()).isEqualTo("console/app.js");
            assertThat(a.contentType()).isEqualTo("text/javascript;charset=utf-8");
        });
        assertThat(StaticFiles.resolve("/console", "/views/handlers.js")).map(StaticFiles.Asset::entry)
                .hasValue("console/views/handlers.js");
        assertThat(StaticFiles.resolve("/console", "/css/console.css")).map(StaticFiles.Asset::contentType)
                .hasValue("text/css;charset=utf-8");
    }

    @Test
    void nothingOutsideTheFolderNorOfUnknownTypeNorHidden() {
        for (String bad : new String[] {"/../OSGI-INF/x.xml", "/..", "/a/../b.js", "/.hidden.js", "/", "",
                "/views/", "/app.js/", "/app", "/app.class", "/META-INF/MANIFEST.MF", "//app.js", "/a b.js",
                "/app.js?x", "/app%2e.js"}) {
            assertThat(StaticFiles.resolve("/console", bad)).as(bad).isEmpty();
        }
        assertThat(StaticFiles.resolve("/api", "/handlers")).isEmpty();
        assertThat(StaticFiles.resolve("", "/index.html")).as("only the root names the page").isEmpty();
        assertThat(StaticFiles.resolve("/index.html", null)).isEmpty();
        assertThat(StaticFiles.resolve("/other", null)).as("the default servlet's other paths").isEmpty();
    }

    @Test
    void thePolicyAllowsOnlyThisOrigin() {
        assertThat(StaticFiles.POLICY).contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("http");
    }
}
