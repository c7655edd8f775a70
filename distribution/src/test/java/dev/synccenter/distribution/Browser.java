package dev.synccenter.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver: Selenium is given both binaries,
 * so Selenium Manager never looks for (or downloads) anything. A fresh profile per browser, the
 * flags that keep Chromium off the network, and screenshots into target/screenshots. Missing
 * binaries fail the test with how to install them: no browser test is skipped.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(30);

    final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;
    final String base;

    /** @param base e.g. http://127.0.0.1:1234/synccenter/ */
    Browser(String base, Path screenshots) throws IOException {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                throw new AssertionError(p + " is missing: the console's browser tests need Debian's chromium and"
                        + " chromium-driver (apt-get install -y chromium chromium-driver; scripts/test.sh installs"
                        + " them when run as root)");
            }
        }
        this.base = base;
        this.screenshots = Files.createDirectories(screenshots);
        this.profile = Files.createTempDirectory("synccenter-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1366,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    void open(String hash) {
        driver.get(base + hash);
    }

    /** Waits until the condition holds (polling every 50 ms), failing with what was asked and the page's errors. */
    <T> T until(String what, Function<WebDriver, T> condition) {
        return until(what, WAIT, condition);
    }

    <T> T until(String what, Duration timeout, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).withMessage(what)
                    .ignoring(StaleElementReferenceException.class).until(condition); // the page re-renders live
        } catch (TimeoutException e) {
            throw new AssertionError("Timed out waiting for " + what + " at " + driver.getCurrentUrl()
                    + "; browser log: " + browserLog(), e);
        }
    }

    WebElement find(String css) {
        return until(css, d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed)
                .findFirst().orElse(null));
    }

    /**
     * Finds the element and clicks it within one wait: the page re-renders its lists live, so an
     * element found a moment earlier may have been replaced by the time it is clicked (stale); then
     * it is found again and clicked.
     */
    void click(String css) {
        until("to click " + css, d -> {
            WebElement e = d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst()
                    .orElse(null);
            if (e == null) {
                return null;
            }
            e.click();
            return Boolean.TRUE;
        });
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /** Waits until the element's text contains the value; returns the element. */
    WebElement text(String css, String contains) {
        return until(css + " to show '" + contains + "'", d -> d.findElements(By.cssSelector(css)).stream()
                .filter(e -> e.getText().contains(contains)).findFirst().orElse(null));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void logIn(String user, String password) {
        find("#login-user").clear();
        find("#login-user").sendKeys(user);
        find("#login-password").clear();
        find("#login-password").sendKeys(password);
        find("#login-submit").click();
        find("#nav a[data-section=handlers]");
    }

    void logInWithToken(String token) {
        find("#login-token").sendKeys(token);
        find("#token-submit").click();
        find("#nav a[data-section=handlers]");
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Writes target/screenshots/NAME.png; returns its path. */
    Path screenshot(String name) throws IOException {
        Path file = screenshots.resolve(name + ".png");
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.move(shot, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    String browserLog() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(String::valueOf)
                    .collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * The page's script errors since the last look (uncaught exceptions, console.error), leaving out
     * what the browser logs of the network by itself: a 401 before logging in, a refusal the page
     * shows, an event stream cut while the platform restarts.
     */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(e -> e.getMessage())
                .filter(m -> !m.contains("Failed to load resource") && !m.contains("net::ERR_")
                        && !m.contains("EventSource"))
                .toList();
    }

    /** Runs script in every document the browser opens from now on, before the page's own. */
    String beforeEveryPage(String script) {
        return String.valueOf(driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", script)).get("identifier"));
    }

    void noLongerBeforeEveryPage(String identifier) {
        driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", identifier));
    }

    /**
     * Imports one of the console's modules (e.g. {@code views/events.js}) in the page and runs the
     * body of an async function with it as {@code m}; returns what the body returns.
     */
    Object module(String file, String body) {
        return ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import(new URL('console/" + file + "', document.baseURI).href)"
                + ".then(async (m) => { " + body + " })"
                + ".then(done, (e) => done('module test failed: ' + e));");
    }

    /** The number of elements in the page: the DOM must stay bounded whatever the platform holds. */
    long elementCount() {
        return (Long) js("return document.getElementsByTagName('*').length;");
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            Distribution.deleteTree(profile);
        }
    }
}
