package codeclab.site;

import codeclab.core.Experiment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site as an experiment tracker, in headless Chromium: the experiments table sorts and filters (and reads without
 * script), the compare page overlays RD curves and diffs code, a post says whether it beat its parent, times are human,
 * the glossary explains the verdicts, the archive gives a restore command that pastes, and no page scrolls sideways
 * from 390 to 1600 px. Screenshots in {@code target/screenshots/tracker-*.png}.
 */
class TrackerBrowserTest {

    static final String RUN = "run-tracker";
    static final Path SHOTS = Paths.get("target", "screenshots");
    static Path site;
    static Path profile;
    static SiteServer server;
    static ChromeDriverService service;
    static ChromeDriver driver;
    static Fixtures.Source store;

    @BeforeAll
    static void start() throws IOException {
        String chromium = BrowserTest.executable("CODEC_LAB_CHROMIUM", "chromium", "chromium-browser");
        String chromedriver = BrowserTest.executable("CODEC_LAB_CHROMEDRIVER", "chromedriver");
        site = Files.createTempDirectory("codec-lab-tracker");
        profile = Files.createTempDirectory("codec-lab-chromium");
        store = Fixtures.run(RUN, 30, 8, 0.75, 11);
        store.archived.add(new ArchivePage.ArchivedRun("run-old", Instant.parse("2025-10-16T09:00:00.123456789Z"), 12,
                "archives/run-old-20251016T090000Z.jsonl", null));
        DashboardInput dash = Fixtures.dashboard(store, RUN, Instant.parse("2025-10-17T14:50:00Z"));
        new SiteGenerator(store, SiteOutput.folder(site), java.time.Clock.systemUTC(),
                new CliCommand(".ci/codec-lab", List.of("--data", "/tmp/my data"))).generate(RUN, Map.of(RUN, dash));
        server = SiteServer.start(site, 0);
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900",
                "--hide-scrollbars");
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (server != null) {
            server.close();
        }
        for (Path p : new Path[]{site, profile}) {
            if (p != null) {
                try (Stream<Path> files = Files.walk(p)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    @Test
    void theExperimentsTableSortsByBdRateAndFilters() throws IOException {
        open("blog/index.html", 1400, 900);
        List<WebElement> rows = visibleRows();
        assertThat(rows).hasSize(30);
        assertThat(driver.findElement(By.id("filters")).isDisplayed()).as("the filter shows once script runs").isTrue();
        // The counts are RunCounts' one definition, as the CLI and the monitor print them.
        assertThat(driver.findElement(By.id("counts")).getText())
                .startsWith(codeclab.core.RunCounts.of(store.experimentsNewestFirst(RUN)).describe());
        String header = driver.findElement(By.cssSelector("#experiments thead")).getText();
        assertThat(header).contains("experiment", "planned", "planner", "parent", "hypothesis", "BD-rate PSNR-Y", "vs parent",
                "kbps @ target", "ratio", "outcome", "cost");
        assertThat(driver.findElement(By.id("experiments")).getText()).doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d+");

        // Sort by BD-rate: the best (lowest) first, unmeasured last.
        WebElement bdHeader = driver.findElements(By.cssSelector("#experiments thead th")).stream()
                .filter(th -> th.getText().startsWith("BD-rate")).findFirst().orElseThrow();
        bdHeader.click();
        Experiment best = store.experimentsNewestFirst(RUN).stream().filter(e -> e.bdRatePercent() != null)
                .min(Comparator.comparingDouble(Experiment::bdRatePercent)).orElseThrow();
        assertThat(visibleRows().get(0).getText()).contains(best.experimentId(), Format.pct(best.bdRatePercent()));
        assertThat(bdHeader.getAttribute("aria-sort")).isEqualTo("ascending");
        screenshot("tracker-table-sorted");

        // Filter by outcome: only failures of one kind remain.
        String failed = store.experimentsNewestFirst(RUN).stream().filter(e -> !e.completed() && e.outcome() != null)
                .map(BlogIndex::outcomeText).findFirst().orElseThrow();
        long expected = store.experimentsNewestFirst(RUN).stream().filter(e -> BlogIndex.outcomeText(e).equals(failed)).count();
        new Select(driver.findElement(By.id("filter-outcome"))).selectByVisibleText(failed);
        assertThat(visibleRows()).hasSize((int) expected).allSatisfy(r -> assertThat(r.getText()).contains(failed));
        new Select(driver.findElement(By.id("filter-outcome"))).selectByVisibleText("any");
        driver.findElement(By.id("filter-text")).sendKeys(best.experimentId());
        assertThat(visibleRows()).hasSize(1);
        assertThat(driver.findElement(By.id("shown")).getText()).isEqualTo("1 of 30 shown");
    }

    @Test
    void theTableReadsWithoutScript() throws IOException {
        String html = Files.readString(site.resolve("blog/index.html"));
        // Rows are in the HTML, newest first; the filter form is hidden until the script shows it.
        assertThat(html).contains("<form id=\"filters\" class=\"filters\" hidden>");
        List<Experiment> newest = store.experimentsNewestFirst(RUN);
        assertThat(html.indexOf(newest.get(0).experimentId())).isLessThan(html.indexOf(newest.get(1).experimentId()));
        assertThat(html).doesNotContain("<script src");
    }

    @Test
    void aPostSaysWhetherItBeatItsParentAndTheComparePageOverlaysBoth() throws IOException {
        Map<String, Experiment> byId = new java.util.HashMap<>();
        store.experimentsNewestFirst(RUN).forEach(e -> byId.put(e.experimentId(), e));
        Experiment child = store.experimentsNewestFirst(RUN).stream().filter(e -> e.bdRatePercent() != null && e.parentId() != null
                && byId.containsKey(e.parentId()) && byId.get(e.parentId()).bdRatePercent() != null).findFirst().orElseThrow();
        Experiment parent = byId.get(child.parentId());
        double delta = child.bdRatePercent() - parent.bdRatePercent();
        open("blog/" + child.experimentId() + ".html", 1280, 900);
        String verdict = driver.findElement(By.id("against-parent")).getText();
        assertThat(verdict).startsWith(delta < 0 ? "Beat its parent" : "Did not beat its parent")
                .contains(Format.pct(child.bdRatePercent()), Format.pct(parent.bdRatePercent()), Format.bdDelta(delta));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(Format.time(child.createdAt()));

        driver.findElement(By.cssSelector("a.compare")).click();
        assertThat(driver.getTitle()).contains(parent.experimentId() + " vs " + child.experimentId());
        String table = driver.findElement(By.id("compare-table")).getText();
        assertThat(table).contains(Format.pct(child.bdRatePercent()), Format.pct(parent.bdRatePercent()));
        // The lower BD-rate is marked as the best of its row.
        WebElement bdRow = driver.findElements(By.cssSelector("#compare-table tbody tr")).stream()
                .filter(r -> r.getText().startsWith("BD-rate")).findFirst().orElseThrow();
        assertThat(bdRow.findElement(By.cssSelector("td.best")).getText())
                .isEqualTo(Format.pct(Math.min(child.bdRatePercent(), parent.bdRatePercent())));
        List<WebElement> charts = driver.findElements(By.cssSelector("svg.chart"));
        assertThat(charts).hasSize(Fixtures.CLIPS.length);
        // A, B and x264 in each chart, drawn with a real size.
        assertThat(charts.get(0).findElements(By.cssSelector("polyline"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(charts.get(0).getRect().getWidth()).isGreaterThan(300);
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Code: A → B");
        screenshot("tracker-compare");
    }

    @Test
    void theBestThreeCompareFromTheTable() throws IOException {
        open("blog/index.html", 1280, 900);
        driver.findElement(By.id("compare-best")).click();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Compare 3 experiments");
        assertThat(driver.findElements(By.cssSelector("#compare-table thead th"))).hasSize(4);
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Code: A → B", "Code: A → C");
        screenshot("tracker-compare-best3");
    }

    @Test
    void theGlossaryExplainsEveryVerdictAndTheArchiveRestoreCommandPastes() throws IOException {
        open("glossary.html", 1280, 900);
        String text = driver.findElement(By.tagName("main")).getText();
        assertThat(text).contains("TOO_EARLY", "LET_IT_RUN", "FIX_CODE", "PURGE_AND_RESTART", "What to do:",
                "x264 = 1.0; lower is better", "Negative = fewer bits than x264");
        screenshot("tracker-glossary");
        open("archive.html", 1280, 900);
        assertThat(driver.findElement(By.cssSelector("code.restore")).getText())
                .isEqualTo(".ci/codec-lab restore archives/run-old-20251016T090000Z.jsonl --data '/tmp/my data'");
        assertThat(driver.findElement(By.id("archive")).getText()).contains("2025-10-16 09:00:00 UTC").doesNotContain(".123456789");
    }

    @Test
    void noPageScrollsSidewaysFrom390To1600Pixels() throws IOException {
        Experiment child = store.experimentsNewestFirst(RUN).stream().filter(e -> e.completed() && e.parentId() != null).findFirst().orElseThrow();
        List<String> pages = new java.util.ArrayList<>(List.of("index.html", "blog/index.html", "blog/" + child.experimentId() + ".html",
                "runs.html", "archive.html", "glossary.html"));
        try (Stream<Path> files = Files.list(site.resolve("blog"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("compare-")).limit(2).forEach(n -> pages.add("blog/" + n));
        }
        for (int width : new int[]{390, 768, 1024, 1400, 1600}) {
            for (String page : pages) {
                open(page, width, 900);
                long scroll = ((Number) driver.executeScript("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")).longValue();
                long inner = ((Number) driver.executeScript("return window.innerWidth")).longValue();
                assertThat(scroll).as("scroll width of %s at %d px", page, width).isLessThanOrEqualTo(inner + 1);
            }
        }
        open("blog/index.html", 390, 844);
        screenshot("tracker-table-phone");
    }

    private static List<WebElement> visibleRows() {
        return driver.findElements(By.cssSelector("#experiments tbody tr")).stream().filter(WebElement::isDisplayed).toList();
    }

    private static void open(String page, int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        driver.get(server.uri().resolve(page).toString());
    }

    private static void screenshot(String name) throws IOException {
        Dimension before = driver.manage().window().getSize();
        long h = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(h + 100, 12_000)));
        Path png = SHOTS.resolve(name + ".png");
        Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(before);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }
}
