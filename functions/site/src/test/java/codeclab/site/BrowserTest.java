package codeclab.site;

import codeclab.core.Experiment;
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
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the generated site in headless Chromium (Debian {@code chromium} + {@code chromium-driver}) through the
 * loopback {@link SiteServer}: key numbers on the page, charts rendered with a real size, no horizontal overflow
 * on a phone, screenshots in {@code target/screenshots/}.
 */
class BrowserTest {

    static final String RUN = "run-browser";
    static Path site;
    static Path profile;
    static SiteServer server;
    static ChromeDriverService service;
    static ChromeDriver driver;
    static Fixtures.Source store;
    static DashboardInput dash;
    static final Path SHOTS = Paths.get("target", "screenshots");

    @BeforeAll
    static void start() throws IOException {
        String chromium = executable("CODEC_LAB_CHROMIUM", "chromium", "chromium-browser");
        String chromedriver = executable("CODEC_LAB_CHROMEDRIVER", "chromedriver");
        site = Files.createTempDirectory("codec-lab-site");
        profile = Files.createTempDirectory("codec-lab-chromium");
        store = Fixtures.run(RUN, 40, 8, 0.75, 7);
        dash = Fixtures.dashboard(store, RUN, Instant.parse("2025-10-17T14:50:00Z"));
        new SiteGenerator(store, SiteOutput.folder(site)).generate(RUN, Map.of(RUN, dash));
        server = SiteServer.start(site, 0);
        // The system driver, never Selenium Manager (it would try to download one).
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900",
                "--hide-scrollbars");
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    /** An executable from an override variable or the PATH; fails (never skips) with how to install it. */
    static String executable(String override, String... names) {
        String env = System.getenv(override);
        if (env != null && Files.isExecutable(Path.of(env))) {
            return env;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String n : names) {
                if (Files.isExecutable(Path.of(dir, n))) {
                    return Path.of(dir, n).toString();
                }
            }
        }
        throw new AssertionError("the browser test needs " + String.join(" or ", names) + " on the PATH (or $" + override
                + "): run the build through .ci/mvn, which installs the Debian packages chromium and chromium-driver, "
                + "or install them with: sudo apt-get install chromium chromium-driver");
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
    void dashboardShowsTheKeyNumbersAndRendersTheCharts() throws IOException {
        open("index.html", 1280, 900);
        assertThat(driver.getTitle()).contains("Dashboard " + RUN);
        assertThat(driver.findElement(By.id("experiment-count")).getText()).isEqualTo("40");
        assertThat(driver.findElement(By.id("best-ratio")).getText()).isEqualTo(Format.num(dash.bestBitrate().ratio(), 3));
        assertThat(driver.findElement(By.cssSelector("#verdict .verdict")).getText()).isEqualTo(dash.verdict());
        assertThat(driver.findElement(By.id("morning-review")).getText()).contains("40 experiments", "Best bitrate?");

        List<WebElement> charts = driver.findElements(By.cssSelector("svg.chart"));
        assertThat(charts).hasSize(1 + Fixtures.CLIPS.length);
        for (WebElement c : charts) {
            Rectangle r = c.getRect();
            assertThat(r.getWidth()).as("chart width").isGreaterThan(300);
            assertThat(r.getHeight()).as("chart height").isGreaterThan(150);
        }
        List<WebElement> points = charts.get(0).findElements(By.cssSelector("g[data-series='experiment'] circle"));
        assertThat(points).hasSize((int) dash.completed());
        assertThat(points.get(0).getRect().getWidth()).isGreaterThan(0);
        // RD charts: each of the best programs plus x264 as a polyline.
        assertThat(charts.get(1).findElements(By.cssSelector("polyline"))).hasSizeGreaterThanOrEqualTo(2);
        screenshot("dashboard-laptop");

        // The best experiment's link leads to its post.
        driver.findElement(By.cssSelector("#cards a[href='blog/" + dash.bestBitrate().experimentId() + ".html']")).click();
        assertThat(driver.getCurrentUrl()).endsWith("/blog/" + dash.bestBitrate().experimentId() + ".html");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains(dash.bestBitrate().experimentId());
    }

    @Test
    void postShowsItsNumbersChartsDiffAndRawNumbers() throws IOException {
        Experiment child = store.experimentsNewestFirst(RUN).stream().filter(e -> e.completed() && e.parentId() != null)
                .findFirst().orElseThrow();
        open("blog/" + child.experimentId() + ".html", 1280, 900);
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(Format.pct(child.bdRatePercent()),
                Format.num(child.ratioToBaseline(), 3), "Diff against the parent");
        List<WebElement> charts = driver.findElements(By.cssSelector("svg.chart"));
        assertThat(charts).hasSize(Fixtures.CLIPS.length);
        assertThat(charts.get(0).getRect().getWidth()).isGreaterThan(300);
        assertThat(charts.get(0).findElements(By.cssSelector("circle.point"))).hasSize(8);
        screenshot("post-laptop");
        driver.findElement(By.cssSelector("a.raw")).click();
        assertThat(driver.getPageSource()).contains("\"bitrateKbps\"");
    }

    @Test
    void pagesFitAPhoneWithoutHorizontalScrolling() throws IOException {
        Experiment child = store.experimentsNewestFirst(RUN).stream().filter(e -> e.completed() && e.parentId() != null)
                .findFirst().orElseThrow();
        for (String page : List.of("index.html", "blog/index.html", "blog/" + child.experimentId() + ".html", "runs.html", "archive.html")) {
            open(page, 390, 844);
            JavascriptExecutor js = driver;
            long scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
            long body = ((Number) js.executeScript("return document.body.scrollWidth")).longValue();
            long inner = ((Number) js.executeScript("return window.innerWidth")).longValue();
            assertThat(Math.max(scroll, body)).as("scroll width of %s at %d px", page, inner).isLessThanOrEqualTo(inner + 1);
            if (page.equals("index.html")) {
                WebElement chart = driver.findElement(By.cssSelector("svg.chart"));
                assertThat(chart.getRect().getWidth()).isBetween(300, (int) inner);
                screenshot("dashboard-phone");
                ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", chart);
                Files.write(SHOTS.resolve("dashboard-phone-trend.png"), chart.getScreenshotAs(OutputType.BYTES));
                WebElement errors = driver.findElement(By.id("error-table"));
                ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", errors);
                Files.write(SHOTS.resolve("dashboard-phone-errors.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            } else if (page.startsWith("blog/e")) {
                screenshot("post-phone");
            }
        }
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
