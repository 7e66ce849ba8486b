package codeclab.cli;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.store.ExperimentIds;
import codeclab.store.FinalResult;
import codeclab.store.LocalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** codec-lab report and serve on a local data folder (embedded dynalite, started per command as in real use). */
class SiteCommandsTest {

    @TempDir
    Path data;

    /** Run {@code run} with {@code n} completed experiments at ratios 0.95, 0.90, ... of a 1000 kbps x264. */
    private void seed(String run, int n) {
        try (LocalStore s = LocalStore.open(data)) {
            s.experiments().ensureRun(run, Instant.now().minusSeconds(3600));
            for (int i = 0; i < n; i++) {
                Instant c = Instant.now().minusSeconds(1800 - 60L * i);
                Experiment e = new Experiment(run, ExperimentIds.next(c), ExperimentStatus.PLANNED, null, null,
                        "evo", null, "hypothesis " + i, null, null, c, null, null, null, null, 0);
                s.experiments().plan(e);
                s.experiments().finish(run, e.experimentId(), FinalResult.ok(-1.0 * i, 950.0 - 50 * i, 1000.0, null), "k" + i);
            }
        }
    }

    @Test
    void reportWritesTheWholeSiteUnderTheDataFolderAndPrintsWhere() throws Exception {
        String d = data.toString();
        seed("run-1", 2);
        assertThat(CliRun.of("purge", "--run", "run-1", "--yes", "--data", d).code()).isZero();
        seed("run-2", 6);
        assertThat(CliRun.of("fresh-start", "--data", d).code()).isZero(); // run-3, empty and current

        CliRun report = CliRun.of("report", "--data", d, "--run", "run-2");
        assertThat(report.code()).as(report.err()).isZero();
        Path site = data.resolve("site");
        String index = site.resolve("index.html").toAbsolutePath().normalize().toString();
        assertThat(report.out()).contains("site of run run-2", index, "6 posts", "run list (2 runs)", "6 experiments",
                "monitor verdict: ");
        assertThat(Files.readString(site.resolve("index.html"))).contains("<span id=\"experiment-count\">6</span>",
                "<span id=\"best-ratio\">0.700</span>");
        assertThat(site.resolve("blog/index.html")).exists();
        try (var posts = Files.list(site.resolve("blog"))) {
            // six posts and the index; compare pages (the best three here) come on top
            assertThat(posts.filter(p -> p.toString().endsWith(".html") && !p.getFileName().toString().startsWith("compare-")).count())
                    .isEqualTo(7);
        }
        assertThat(Files.readString(site.resolve("runs.html"))).contains("run-2", "run-3");
        assertThat(Files.readString(site.resolve("archive.html"))).contains("archives/run-1-");

        // The report is read-only: the monitor's first real run still announces the run as new.
        CliRun monitor = CliRun.of("monitor", "--data", d, "--run", "run-2");
        assertThat(monitor.out()).contains("ALERT (local, not sent)");

        CliRun json = CliRun.of("report", "--data", d, "--json", "--out", data.resolve("elsewhere").toString());
        var doc = Json.MAPPER.readTree(json.out());
        assertThat(doc.path("runId").asText()).isEqualTo("run-3"); // the current run by default
        assertThat(doc.path("experiments").asInt()).isZero();
        assertThat(doc.path("runs").asInt()).isEqualTo(2);
        assertThat(Path.of(doc.path("index").asText())).exists().startsWith(data.resolve("elsewhere").toAbsolutePath());
        assertThat(doc.path("url").asText()).startsWith("file:/");

        CliRun missing = CliRun.of("report", "--data", d, "--run", "run-9");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("run-9");
    }

    @Test
    void serveAnswersOnLoopbackAndRefusesAFolderWithoutASite() throws Exception {
        CliRun none = CliRun.of("serve", "--data", data.toString(), "--port", "0");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no site in").contains("codec-lab report");

        Path site = Files.createDirectories(data.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<h1>dashboard</h1>");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CompletableFuture<CliRun> serving = CompletableFuture.supplyAsync(() ->
                CliRun.of("serve", "--data", data.toString(), "--port", Integer.toString(port), "--stop-after", "4"));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = null;
        for (int i = 0; i < 50 && page == null; i++) {
            try {
                page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        assertThat(page).isNotNull();
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("<h1>dashboard</h1>");
        CliRun served = serving.get();
        assertThat(served.code()).isZero();
        assertThat(served.out()).contains("http://127.0.0.1:" + port + "/index.html");
    }
}
