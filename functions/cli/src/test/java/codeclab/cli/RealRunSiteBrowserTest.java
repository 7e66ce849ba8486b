package codeclab.cli;

import codeclab.core.Experiment;
import codeclab.harness.HarnessConfig;
import codeclab.local.LocalRunner;
import codeclab.local.LocalStateMachine;
import codeclab.loop.LoopConfig;
import codeclab.loop.LoopFactory;
import codeclab.loop.LoopService;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.ops.Operations;
import codeclab.monitor.ops.ScheduleControl;
import codeclab.monitor.report.Report;
import codeclab.monitor.site.SitePublisher;
import codeclab.planner.evolve.EvolutionaryPlanner;
import codeclab.site.DashboardInput;
import codeclab.site.SiteOutput;
import codeclab.site.SiteServer;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.EmbeddedDynamo;
import codeclab.store.FileArtifactStore;
import codeclab.store.RunSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site of a REAL local run in headless Chromium: the loop runs in this JVM (the synthesized state machine,
 * the evolutionary planner, sandboxed encode/decode on the tiny clips, x264 baselines), the monitor judges it,
 * the site is generated from the store, and the browser checks the store's numbers are on the pages and the
 * charts rendered. Screenshots go to {@code target/screenshots/real-*.png}.
 */
class RealRunSiteBrowserTest {

    static final String RUN = "run-1";
    static final int EXPERIMENTS = 4;
    static final Path SHOTS = Paths.get("target", "screenshots");

    static Path dir;
    static EmbeddedDynamo dynamo;
    static DynamoExperimentStore store;
    static Report report;
    static DashboardInput dash;
    static RunSummary run;
    static SiteServer server;
    static ChromeDriverService service;
    static ChromeDriver driver;

    @BeforeAll
    static void runTheLoopJudgeItAndOpenTheSite() throws IOException {
        dir = Files.createTempDirectory("codec-lab-real-run");
        dynamo = EmbeddedDynamo.inMemory();
        store = DynamoExperimentStore.create(DynamoConfig.local(dynamo.endpoint())).createTables();
        FileArtifactStore artifacts = new FileArtifactStore(dir.resolve("artifacts"));
        // 32 dB: inside both the candidates' and x264's range on the tiny clips, so bitrate ratios exist. No held-out set:
        // this test is about the site showing the store's numbers (promotion has its own tests in handlers).
        LoopConfig config = LoopConfig.defaults().withClipSet("tiny").withHoldoutSet(LoopConfig.NO_HOLDOUT)
                .withHarness(HarnessConfig.defaults().withTargetPsnrY(32));
        LoopService loop = LoopFactory.create(store, artifacts, new EvolutionaryPlanner(), config, dir, null);
        run = new LocalRunner(loop, LocalStateMachine.bundledDefinition()).run(RUN, EXPERIMENTS, 2, p -> { }, () -> false);

        Operations ops = new Operations(store, artifacts, ScheduleControl.NONE, Clock.systemUTC());
        MonitorConfig monitor = MonitorConfig.defaults();
        report = ops.monitor(RUN, monitor, null, null).report();
        Path site = dir.resolve("site");
        SitePublisher.Published published = new SitePublisher(store, artifacts, ops, monitor, Clock.systemUTC())
                .all(RUN, report, SiteOutput.folder(site));
        dash = published.dashboard();
        server = SiteServer.start(site, 0);

        String chromium = executable("CODEC_LAB_CHROMIUM", "chromium", "chromium-browser");
        String chromedriver = executable("CODEC_LAB_CHROMEDRIVER", "chromedriver");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile"),
                "--window-size=1280,900", "--hide-scrollbars");
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    /** An executable from an override variable or the PATH; fails (never skips) with how to install it. */
    static String executable(String override, String... names) {
        String env = System.getenv(override);
        if (env != null && Files.isExecutable(Path.of(env))) {
            return env;
        }
        for (String n : names) {
            Path p = SiteCommands.onPath(n);
            if (p != null) {
                return p.toString();
            }
        }
        throw new AssertionError("the browser test needs " + String.join(" or ", names) + " on the PATH (or $" + override
                + "): install the Debian packages chromium and chromium-driver");
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) driver.quit();
        if (service != null) service.stop();
        if (server != null) server.close();
        if (store != null) store.close();
        if (dynamo != null) dynamo.close();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void dashboardShowsTheStoresNumbersAndRendersItsCharts() throws IOException {
        assertThat(run.finished()).isEqualTo(EXPERIMENTS);
        assertThat(run.bestBdRate()).as("a real BD-rate vs x264 was measured").isNotNull();
        assertThat(run.bestRatio()).as("and its ratio to x264 at 32 dB").isNotNull();
        open("index.html", 1280, 900);
        assertThat(driver.getTitle()).contains("Dashboard " + RUN);
        assertThat(driver.findElement(By.id("experiment-count")).getText()).isEqualTo(Long.toString(store.all(RUN).size()));
        assertThat(driver.findElement(By.id("best-ratio")).getText()).isEqualTo(String.format(Locale.ROOT, "%.3f", run.bestRatio()));
        assertThat(driver.findElement(By.cssSelector("#verdict .verdict")).getText()).isEqualTo(report.verdict().name());
        assertThat(driver.findElement(By.id("morning-review")).getText()).contains(EXPERIMENTS + " experiments");
        assertThat(driver.findElement(By.id("cards")).getText()).contains(run.bestExperimentId());

        long clips = dash.rdCurves().stream().map(c -> c.clip().clipId()).distinct().count();
        assertThat(clips).isPositive();
        List<WebElement> charts = driver.findElements(By.cssSelector("svg.chart"));
        assertThat(charts).hasSize(1 + (int) clips);
        for (WebElement c : charts) {
            Rectangle r = c.getRect();
            assertThat(r.getWidth()).as("chart width").isGreaterThan(300);
            assertThat(r.getHeight()).as("chart height").isGreaterThan(150);
        }
        long measured = store.all(RUN).stream().filter(e -> e.completed() && e.ratioToBaseline() != null).count();
        assertThat(charts.get(0).findElements(By.cssSelector("g[data-series='experiment'] circle"))).hasSize((int) measured);
        // x264 and each drawn program as lines on the RD chart.
        assertThat(charts.get(1).findElements(By.cssSelector("polyline"))).hasSizeGreaterThanOrEqualTo(2);
        screenshot("real-dashboard-laptop");

        open("index.html", 390, 844);
        long scroll = ((Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth")).longValue();
        assertThat(scroll).as("no horizontal scrolling on a phone").isLessThanOrEqualTo(391);
        screenshot("real-dashboard-phone");
    }

    @Test
    void theBestExperimentsPostShowsItsMeasuredNumbers() throws IOException {
        Experiment best = store.get(RUN, run.bestExperimentId());
        open("blog/" + best.experimentId() + ".html", 1280, 900);
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains(best.experimentId());
        assertThat(driver.findElement(By.tagName("main")).getText())
                .contains(String.format(Locale.ROOT, "%.3f", best.ratioToBaseline()), best.hypothesis());
        List<WebElement> charts = driver.findElements(By.cssSelector("svg.chart"));
        assertThat(charts).isNotEmpty();
        assertThat(charts.get(0).getRect().getWidth()).isGreaterThan(300);
        assertThat(charts.get(0).findElements(By.cssSelector("circle.point"))).isNotEmpty();
        Files.write(SHOTS.resolve("real-post-top.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        screenshot("real-post-laptop");
        open("blog/index.html", 1280, 900);
        assertThat(driver.findElements(By.cssSelector("#experiments tbody tr"))).hasSize(EXPERIMENTS);
        assertThat(driver.findElement(By.id("experiments")).getText()).contains(best.experimentId());
    }

    private static void open(String page, int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        driver.get(server.uri().resolve(page).toString());
    }

    /** A full-page screenshot: grow the window to the page's height first. */
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
