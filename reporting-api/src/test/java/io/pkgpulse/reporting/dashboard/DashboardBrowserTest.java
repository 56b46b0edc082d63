package io.pkgpulse.reporting.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.pkgpulse.reporting.DownloadBatch;
import io.pkgpulse.reporting.changes.ChangeClock;
import io.pkgpulse.testsupport.Chromium;
import io.pkgpulse.testsupport.TestInfrastructure;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, driven by Selenium
 * through Debian's chromedriver (so Selenium Manager never downloads anything). Asserts
 * what a user sees: numbers in the pages, charts that Chart.js drew from the seeded
 * rollups (read back with {@code Chart.getChart}), the mirrors toggle, the date range,
 * the 404 page, numbers and charts that change without a reload when downloads are
 * committed, and no errors in the browser console. Leaves a screenshot of a package page
 * in {@code target/dashboard.png}. The browser opens a live stream per page, all from one
 * address: the tests' configuration raises the per-client stream limit.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pkgpulse.ratelimit.enabled=false")
@Import(TestInfrastructure.class)
class DashboardBrowserTest {

    static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    static Path profile;
    static ChromeDriverService driverService;
    static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChangeClock changes;

    @Autowired
    Clock clock;

    @Autowired
    PlatformTransactionManager transactions;

    DashboardSeed seed;

    LocalDate t0;

    LocalDate t1;

    LocalDate t2;

    @BeforeAll
    static void startBrowser() throws IOException {
        Chromium.ensureInstalled();
        profile = Files.createTempDirectory("pkgpulse-chromium-");
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(Chromium.DRIVER.toFile())
            .usingAnyFreePort()
            .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + profile, "--window-size=1280,900", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(driverService, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @BeforeEach
    void seed() {
        t0 = LocalDate.now(clock);
        t1 = t0.minusDays(1);
        t2 = t0.minusDays(2);
        seed = new DashboardSeed(jdbc, changes, t0).truncate().standard(clock.instant().minusSeconds(4));
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterEach
    void drainConsole() {
        browser.manage().logs().get(LogType.BROWSER);
    }

    @Test
    void homePageShowsTotalsTopPackagesAndFreshness() throws IOException {
        open("/");
        screenshot(Path.of("target", "dashboard-home.png"));

        assertThat(browser.getTitle()).isEqualTo("Downloads · pkgpulse");
        List<List<String>> totals = rows("#totals tbody tr");
        assertThat(totals).hasSize(4);
        assertThat(totals.get(0)).containsExactly("Today so far " + t0, number(seed.total(t0, t0, true)),
                number(seed.total(t0, t0, false)));
        assertThat(totals.get(1)).containsExactly("Yesterday " + t1, number(seed.total(t1, t1, true)),
                number(seed.total(t1, t1, false)));
        assertThat(totals.get(2)).containsExactly("Last 7 days " + t0.minusDays(7) + " to " + t1,
                number(seed.total(t0.minusDays(7), t1, true)), number(seed.total(t0.minusDays(7), t1, false)));
        assertThat(totals.get(3).get(1)).isEqualTo(number(seed.total(t0.minusDays(30), t1, true)));

        List<List<String>> top = rows("#top tbody tr");
        // pulse-demo's today grows hour by hour: where it ranks depends on the time of
        // day.
        long demoToday = seed.daily(seed.id(DashboardSeed.DEMO), t0, false);
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(List.of(Map.entry("pulse-demo", demoToday),
                Map.entry("dash-alpha", 120L), Map.entry("dash-beta", 50L)));
        ranked.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        assertThat(top).containsExactly(List.of("1", ranked.get(0).getKey(), number(ranked.get(0).getValue())),
                List.of("2", ranked.get(1).getKey(), number(ranked.get(1).getValue())),
                List.of("3", ranked.get(2).getKey(), number(ranked.get(2).getValue())));
        assertThat(browser.findElement(By.id("last-batch")).getText()).matches("Last batch stored \\d+ s ago\\.");
        assertThat(browser.findElement(By.id("newest-day")).getText())
            .isEqualTo("Newest day with downloads: " + t0 + " (today).");
        assertThat(browser.findElement(By.linkText("API docs")).getAttribute("href")).endsWith("/swagger-ui.html");

        browser.findElement(By.linkText("dash-alpha")).click();

        assertThat(browser.getCurrentUrl()).endsWith("/packages/dash-alpha");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dash_Alpha");
        assertNoConsoleErrors();
    }

    @Test
    void searchBoxFindsAPackageByAnySpelling() {
        open("/");
        WebElement box = browser.findElement(By.id("search-q"));
        box.sendKeys("DASH.Alpha");
        box.submit();

        waitForCharts();
        assertThat(browser.getCurrentUrl()).endsWith("/packages/dash-alpha");
    }

    @Test
    void packagePageDrawsItsChartsFromTheRollups() {
        open("/packages/dash-alpha?start_date=" + t2 + "&end_date=" + t0);
        waitForCharts();

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dash_Alpha");
        assertThat(browser.findElement(By.cssSelector(".summary")).getText()).isEqualTo("Alpha does the first thing");
        List<String> labels = List.of(t2.toString(), t1.toString(), t0.toString());
        assertThat(chart("daily")).isEqualTo(
                Map.of("labels", labels, "datasets", List.of(dataset("Downloads without mirrors", 80, 100, 120))));
        assertThat(chart("versions")).isEqualTo(Map.of("labels", labels, "datasets",
                List.of(dataset("2.0.0", 0, 70, 60), dataset("1.0.0", 80, 0, 20), dataset("1.1.0", 0, 30, 40))));
        assertThat(chart("python-minor").get("datasets"))
            .isEqualTo(List.of(dataset("3.12", 0, 60, 70), dataset("3.11", 0, 40, 50), dataset("3.10", 80, 0, 0)));
        assertThat(chart("system").get("datasets"))
            .isEqualTo(List.of(dataset("Linux", 80, 100, 100), dataset("Windows", 0, 0, 20)));
        assertThat(chart("installer").get("datasets"))
            .isEqualTo(List.of(dataset("pip", 80, 100, 90), dataset("uv", 0, 0, 30)));

        for (WebElement canvas : browser.findElements(By.tagName("canvas"))) {
            assertThat(canvas.getSize().getWidth()).as(canvas.getAttribute("id")).isGreaterThan(200);
            assertThat(canvas.getSize().getHeight()).as(canvas.getAttribute("id")).isGreaterThan(100);
            assertThat(canvas.getAttribute("role")).isEqualTo("img");
            assertThat(canvas.getAttribute("aria-label")).contains("dash-alpha").contains("without mirrors");
        }
        assertThat(browser.findElements(By.tagName("canvas"))).hasSize(7);
        // The axes read as days and as hours.
        assertThat(ticks("daily")).containsExactly(t2.toString(), t1.toString(), t0.toString());
        assertThat(ticks("hourly")).isNotEmpty().allMatch(tick -> tick.matches("\\d\\d:00|\\d\\d-\\d\\d"));
        assertThat(browser.findElement(By.id("recent")).getText()).contains("Yesterday\n100")
            .contains("Last 7 days\n180")
            .contains("All time\n300");
        assertThat(browser.findElement(By.id("range-total")).getText()).isEqualTo("300");

        WebElement versions = browser.findElement(By.cssSelector("#section-versions details"));
        versions.findElement(By.tagName("summary")).click();
        assertThat(rowsIn(versions, "tbody tr")).containsExactly(List.of(t2.toString(), "0", "80", "0", "80"),
                List.of(t1.toString(), "70", "0", "30", "100"), List.of(t0.toString(), "60", "20", "40", "120"));
        assertNoConsoleErrors();
    }

    @Test
    void mirrorsToggleChangesTheNumbers() {
        open("/packages/dash-alpha?start_date=" + t2 + "&end_date=" + t0);
        waitForCharts();
        assertThat(browser.findElement(By.linkText("Without mirrors")).getAttribute("aria-current")).isEqualTo("true");

        browser.findElement(By.linkText("With mirrors")).click();
        waitForCharts();

        assertThat(browser.getCurrentUrl()).contains("mirrors=true").contains("start_date=" + t2);
        assertThat(browser.findElement(By.linkText("With mirrors")).getAttribute("aria-current")).isEqualTo("true");
        assertThat(chart("daily").get("datasets")).isEqualTo(List.of(dataset("Downloads with mirrors", 80, 120, 150)));
        assertThat(chart("installer").get("datasets")).isEqualTo(
                List.of(dataset("pip", 80, 100, 90), dataset("bandersnatch", 0, 20, 30), dataset("uv", 0, 0, 30)));
        assertThat(browser.findElement(By.id("range-total")).getText()).isEqualTo("350");

        browser.findElement(By.linkText("Without mirrors")).click();
        waitForCharts();

        assertThat(chart("daily").get("datasets"))
            .isEqualTo(List.of(dataset("Downloads without mirrors", 80, 100, 120)));
        assertNoConsoleErrors();
    }

    @Test
    void dateRangeFormNarrowsTheData() {
        open("/packages/dash-alpha");
        waitForCharts();
        @SuppressWarnings("unchecked")
        List<String> defaultLabels = (List<String>) chart("daily").get("labels");
        assertThat(defaultLabels).hasSize(180).endsWith(t0.toString()).startsWith(t0.minusDays(179).toString());

        setDate("start_date", t1);
        setDate("end_date", t0);
        browser.findElement(By.cssSelector("input[name=mirrors][value=true]")).click();
        browser.findElement(By.id("apply-range")).click();
        waitForCharts();

        assertThat(browser.getCurrentUrl()).contains("start_date=" + t1)
            .contains("end_date=" + t0)
            .contains("mirrors=true");
        assertThat(chart("daily")).isEqualTo(Map.of("labels", List.of(t1.toString(), t0.toString()), "datasets",
                List.of(dataset("Downloads with mirrors", 120, 150))));
        assertThat(chart("versions").get("datasets"))
            .isEqualTo(List.of(dataset("2.0.0", 90, 90), dataset("1.1.0", 30, 40), dataset("1.0.0", 0, 20)));

        setDate("start_date", t0);
        setDate("end_date", t1);
        browser.findElement(By.id("apply-range")).click();
        // The click starts a navigation; wait for the new page rather than reading the
        // old one.
        new WebDriverWait(browser, Duration.ofSeconds(20))
            .until(driver -> !driver.findElements(By.id("error")).isEmpty());

        assertThat(browser.findElement(By.id("error")).getText()).contains("These dates cannot be shown")
            .contains("start_date " + t0 + " is after end_date " + t1);
        assertThat(browser.findElements(By.tagName("canvas"))).isEmpty();
    }

    @Test
    void unknownAndPrivatePackagesShowTheNotFoundPage() {
        for (String name : List.of("dash-nothing", "dash-secret")) {
            open("/packages/" + name);

            assertThat(browser.getTitle()).isEqualTo("Package not found · pkgpulse");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Package not found");
            assertThat(browser.findElement(By.id("not-found")).getText()).contains("no package named " + name);
            assertThat(browser.findElements(By.tagName("canvas"))).isEmpty();
        }
    }

    /**
     * The last 48 hours by hour, and release adoption: each of the newest versions' share
     * of each hour's downloads over 72 hours (the downloads themselves are kept with the
     * chart, for its tooltips).
     */
    @Test
    void packagePageChartsTheLastHoursAndReleaseAdoption() {
        open("/packages/dash-alpha");
        waitForCharts();
        long alpha = seed.id(DashboardSeed.ALPHA);

        Instant first = seed.hour.minus(47, ChronoUnit.HOURS);
        List<String> labels = new ArrayList<>();
        List<Long> hourly = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            labels.add(HourCharts.labels(first.plus(i, ChronoUnit.HOURS), 1).get(0));
            hourly.add(seed.hourly(alpha, first.plus(i, ChronoUnit.HOURS), false));
        }
        assertThat(chart("hourly")).isEqualTo(Map.of("labels", labels, "datasets",
                List.of(Map.of("label", "Downloads without mirrors", "data", hourly))));
        assertThat(hourly.get(47)).isEqualTo(120);
        assertThat(browser.findElement(By.id("today-so-far")).getText()).isEqualTo("120");
        assertThat(browser.findElement(By.id("this-hour")).getText()).isEqualTo("120");

        Map<String, Object> adoption = adoption();
        @SuppressWarnings("unchecked")
        List<String> adoptionLabels = (List<String>) adoption.get("labels");
        assertThat(adoptionLabels).hasSize(72).endsWith(HourCharts.labels(seed.hour, 1).get(0));
        assertThat(adoption.get("versions")).isEqualTo(List.of("2.0.0", "1.1.0", "1.0.0"));
        assertThat(adoption.get("last")).isEqualTo(List.of(60L, 40L, 20L));
        @SuppressWarnings("unchecked")
        List<Number> shares = (List<Number>) adoption.get("lastShares");
        assertThat(shares.get(0).doubleValue()).isCloseTo(50, within(0.01));
        assertThat(shares.get(1).doubleValue()).isCloseTo(33.33, within(0.01));
        assertThat(shares.get(2).doubleValue()).isCloseTo(16.67, within(0.01));
        int noon = adoptionLabels.indexOf(HourCharts.labels(DashboardSeed.noon(t1), 1).get(0));
        assertThat(counts("adoption", noon)).isEqualTo(List.of(70L, 30L, 0L));
        assertNoConsoleErrors();
    }

    /**
     * Downloads committed as the worker commits them (rollups and notification in one
     * transaction) show on the open package page within 2 seconds: today's and this
     * hour's numbers, the hourly chart and a new release's adoption, with no reload.
     */
    @Test
    void packagePageUpdatesItselfWithinTwoSecondsOfACommit() {
        open("/packages/dash-alpha");
        waitForCharts();
        waitForLiveStream();
        browser.executeScript("window.loadedOnce = true");
        long alpha = seed.id(DashboardSeed.ALPHA);
        seed.release(alpha, "3.0.0");

        batch().add(alpha, seed.releaseId(alpha, "2.0.0"), seed.hour, false, 7)
            .add(alpha, seed.releaseId(alpha, "3.0.0"), seed.hour, false, 5)
            .add(alpha, seed.releaseId(alpha, "2.0.0"), seed.hour, true, 100)
            .commit();

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("today-so-far")).getText()).isEqualTo("132");
            assertThat(browser.findElement(By.id("this-hour")).getText()).isEqualTo("132");
        });
        assertThat(browser.executeScript("return window.loadedOnce === true")).isEqualTo(true);
        @SuppressWarnings("unchecked")
        List<Long> hourly = (List<Long>) ((List<Map<String, Object>>) chart("hourly").get("datasets")).get(0)
            .get("data");
        assertThat(hourly.get(47)).isEqualTo(132);
        Map<String, Object> adoption = adoption();
        assertThat(adoption.get("versions")).isEqualTo(List.of("3.0.0", "2.0.0", "1.1.0", "1.0.0"));
        assertThat(adoption.get("last")).isEqualTo(List.of(5L, 67L, 40L, 20L));
        assertNoConsoleErrors();
    }

    @Test
    void homePageTotalUpdatesItselfWithinTwoSecondsOfACommit() {
        open("/");
        waitForLiveStream();
        browser.executeScript("window.loadedOnce = true");
        long beta = seed.id(DashboardSeed.BETA);

        batch().add(beta, seed.releaseId(beta, "0.1"), seed.hour, false, 3)
            .add(beta, seed.releaseId(beta, "0.1"), seed.hour, true, 2)
            .commit();

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("today-without-mirrors")).getText())
                .isEqualTo(number(seed.total(t0, t0, false) + 3));
            assertThat(browser.findElement(By.id("today-with-mirrors")).getText())
                .isEqualTo(number(seed.total(t0, t0, true) + 5));
        });
        assertThat(browser.executeScript("return window.loadedOnce === true")).isEqualTo(true);
        assertThat(browser.findElement(By.id("live-status")).getText())
            .isEqualTo("Live: the numbers update as downloads arrive.");
        assertNoConsoleErrors();
    }

    /**
     * The screenshot for docs/dashboard.png, and the page's timings as the browser
     * measured them.
     */
    @Test
    void packagePageScreenshotAndTimings() throws IOException {
        open("/packages/pulse-demo");
        waitForCharts();
        open("/packages/pulse-demo?warm=1");
        waitForCharts();
        waitForLiveStream();
        @SuppressWarnings("unchecked")
        Map<String, Object> timing = (Map<String, Object>) browser.executeScript("""
                const n = performance.getEntriesByType('navigation')[0];
                return {ttfb: n.responseStart - n.requestStart, html: n.responseEnd - n.requestStart,
                        domContentLoaded: n.domContentLoadedEventEnd - n.startTime, load: n.loadEventEnd - n.startTime,
                        bytes: n.transferSize};""");
        String report = String.format(java.util.Locale.ROOT,
                "Browser, /packages/pulse-demo (second load): first byte after %.0f ms, whole HTML after %.0f ms, DOMContentLoaded"
                        + " (charts drawn) at %.0f ms, load at %.0f ms, %s bytes transferred%n",
                ((Number) timing.get("ttfb")).doubleValue(), ((Number) timing.get("html")).doubleValue(),
                ((Number) timing.get("domContentLoaded")).doubleValue(), ((Number) timing.get("load")).doubleValue(),
                timing.get("bytes"));
        System.out.print(report);
        Files.writeString(Path.of("target", "dashboard-browser-timing.txt"), report);

        screenshot(SCREENSHOT);

        assertThat(Files.size(SCREENSHOT)).isGreaterThan(20_000);
        assertThat(chart("versions").get("datasets")).asList().hasSize(9);
        assertNoConsoleErrors();
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void waitForCharts() {
        new WebDriverWait(browser, Duration.ofSeconds(20))
            .until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript("""
                    const canvases = document.querySelectorAll('canvas');
                    return document.readyState === 'complete' && typeof Chart !== 'undefined' && canvases.length > 0
                        && Array.from(canvases).every(canvas => Chart.getChart(canvas) !== undefined);"""));
    }

    /**
     * Until the page's live stream is open (and so registered with the server's feed).
     */
    private void waitForLiveStream() {
        new WebDriverWait(browser, Duration.ofSeconds(20))
            .until(driver -> "open".equals(driver.findElement(By.id("live-status")).getAttribute("data-state")));
    }

    private DownloadBatch batch() {
        return new DownloadBatch(jdbc, changes, transactions);
    }

    /**
     * The adoption chart: its labels, versions, and the last hour's downloads and shares.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> adoption() {
        return (Map<String, Object>) browser.executeScript("""
                const chart = Chart.getChart(document.getElementById('chart-adoption'));
                const last = chart.data.labels.length - 1;
                return {labels: chart.data.labels, versions: chart.data.datasets.map(d => d.label),
                    last: chart.data.datasets.map(d => d.counts[last]),
                    lastShares: chart.data.datasets.map(d => d.data[last])};""");
    }

    /** The labels Chart.js wrote along a chart's x axis. */
    @SuppressWarnings("unchecked")
    private List<String> ticks(String id) {
        return (List<String>) browser.executeScript("""
                return Chart.getChart(document.getElementById('chart-' + arguments[0])).scales.x.ticks
                    .map(tick => String(tick.label));""", id);
    }

    @SuppressWarnings("unchecked")
    private List<Long> counts(String id, int index) {
        return (List<Long>) browser.executeScript("""
                return Chart.getChart(document.getElementById('chart-' + arguments[0])).data.datasets
                    .map(d => d.counts[arguments[1]]);""", id, index);
    }

    /** The whole page: the window grows until the viewport holds it. */
    private void screenshot(Path file) throws IOException {
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight")).longValue();
        long chrome = ((Number) browser.executeScript("return window.outerHeight - window.innerHeight")).longValue();
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height + chrome, 6000)));
        afterTwoFrames();
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private void afterTwoFrames() {
        browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                requestAnimationFrame(() => requestAnimationFrame(() => done()));""");
    }

    /** What Chart.js holds for a canvas: labels and each dataset's label and values. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> chart(String id) {
        return (Map<String, Object>) browser.executeScript("""
                const chart = Chart.getChart(document.getElementById('chart-' + arguments[0]));
                return chart === undefined ? null : {labels: chart.data.labels,
                    datasets: chart.data.datasets.map(d => ({label: d.label, data: d.data}))};""", id);
    }

    private static Map<String, Object> dataset(String label, long... values) {
        return Map.of("label", label, "data", java.util.Arrays.stream(values).boxed().toList());
    }

    private List<List<String>> rows(String selector) {
        return browser.findElements(By.cssSelector(selector)).stream().map(DashboardBrowserTest::cells).toList();
    }

    private static List<List<String>> rowsIn(WebElement parent, String selector) {
        return parent.findElements(By.cssSelector(selector)).stream().map(DashboardBrowserTest::cells).toList();
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.cssSelector("th, td"))
            .stream()
            .map(cell -> cell.getText().replace('\n', ' ').strip())
            .toList();
    }

    /**
     * Date inputs take typed text in the browser's locale; setting the value is what a
     * date picker does.
     */
    private void setDate(String id, LocalDate day) {
        browser.executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, day.toString());
    }

    private static String number(long n) {
        return Chart.format(n);
    }

    private static void assertNoConsoleErrors() {
        List<LogEntry> errors = browser.manage()
            .logs()
            .get(LogType.BROWSER)
            .getAll()
            .stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
            .toList();
        assertThat(errors).as("browser console").isEmpty();
    }

}
