package codeclab.monitor.site;

import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.core.RdPoint;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.ops.MonitorFunction;
import codeclab.monitor.ops.Operations;
import codeclab.monitor.ops.ScheduleControl;
import codeclab.monitor.report.Report;
import codeclab.monitor.store.MutableClock;
import codeclab.site.DashboardInput;
import codeclab.site.SiteOutput;
import codeclab.store.ArtifactStore;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.EmbeddedDynamo;
import codeclab.store.ExperimentIds;
import codeclab.store.FileArtifactStore;
import codeclab.store.FinalResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A constructed history in a real store (dynalite in memory, artifacts on disk), judged by the real monitor, mapped
 * to the dashboard and written as a site: every dashboard field is checked against the history.
 */
class SitePublisherTest {

    static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");
    static final double BASE = 1000;
    /** Completed experiments' bitrates at target (x264 = 1000 kbps): ratios 0.9 .. 0.4, improving. */
    static final double[] KBPS = {900, 850, 700, 650, 500, 400};
    static final double[] BD = {-5, -8, -20, -18, -35, -30};

    @TempDir
    static Path dir;
    static EmbeddedDynamo dynamo;
    static DynamoDbClient client;
    static DynamoExperimentStore store;
    static FileArtifactStore artifacts;
    static MutableClock clock = new MutableClock(T0);
    static Operations ops;
    static String run;
    static final List<String> completedIds = new ArrayList<>();
    static final List<Instant> finished = new ArrayList<>();
    static String invalidId;
    static String timeoutId;

    @BeforeAll
    static void history() throws Exception {
        dynamo = EmbeddedDynamo.inMemory();
        DynamoConfig cfg = DynamoConfig.local(dynamo.endpoint());
        client = DynamoExperimentStore.client(cfg);
        store = new DynamoExperimentStore(client, cfg, clock).createTables();
        artifacts = new FileArtifactStore(dir.resolve("artifacts"));
        ops = new Operations(store, artifacts, ScheduleControl.NONE, clock);
        run = ops.freshStart().runId();
        ObjectMapper json = new ObjectMapper();
        String parent = null;
        for (int i = 0; i < 8; i++) {
            Instant c = T0.plus(Duration.ofMinutes(20 * i + 1));
            clock.set(c);
            String id = ExperimentIds.next(c);
            String src = artifacts.putString("code", "final class C" + i + " {}");
            store.plan(new Experiment(run, id, ExperimentStatus.PLANNED, null, null, "evo", parent, "try " + i, src, null, c,
                    null, null, null, null, 0.25));
            clock.set(c.plus(Duration.ofMinutes(5)));
            if (i == 2) {
                invalidId = id;
                store.finish(run, id, FinalResult.failure(OutcomeKind.COMPILE_ERROR, "C2.java:3: error: ';' expected"), "k" + i);
            } else if (i == 5) {
                timeoutId = id;
                store.finish(run, id, FinalResult.failure(OutcomeKind.TIMEOUT, "encoder took longer than 60 s"), "k" + i);
            } else {
                int k = completedIds.size();
                Evaluation ev = evaluation(KBPS[k], BD[k]);
                String key = artifacts.putString("results", json.writeValueAsString(ev));
                store.finish(run, id, FinalResult.ok(BD[k], KBPS[k], BASE, key), "k" + i);
                completedIds.add(id);
                finished.add(clock.instant());
                parent = id;
            }
        }
        clock.set(T0.plus(Duration.ofMinutes(170)));
    }

    /** Two clips, four RD points each, the candidate at {@code kbps} and x264 at 1000 kbps at the target. */
    static Evaluation evaluation(double kbps, double bd) {
        List<ClipEvaluation> clips = new ArrayList<>();
        for (String clip : List.of("motion", "noise")) {
            List<RdPoint> cand = new ArrayList<>();
            List<RdPoint> base = new ArrayList<>();
            for (int q = 0; q < 4; q++) {
                double f = 0.5 + 0.5 * q;
                cand.add(new RdPoint(q, (long) (kbps * f * 10), kbps * f, 30 + 4 * q, 31 + 4 * q, 0.8 + 0.04 * q, 0.1, 0.05));
                base.add(new RdPoint(q, (long) (BASE * f * 10), BASE * f, 30 + 4 * q, 31 + 4 * q, 0.8 + 0.04 * q, 0.1, 0.05));
            }
            clips.add(new ClipEvaluation(clip, "ab".repeat(32), 64, 48, 8, 30, cand, base, bd, null, kbps, BASE));
        }
        return new Evaluation(38, clips, 120, 300);
    }

    @AfterAll
    static void stop() {
        client.close();
        dynamo.close();
    }

    @Test
    void mapsEveryDashboardFieldFromTheReportAndTheStore() {
        MonitorConfig config = MonitorConfig.defaults();
        Report report = ops.monitor(run, config, null, null).report();
        StoreSiteSource source = new StoreSiteSource(store, artifacts, ops);
        List<Experiment> experiments = source.experimentsNewestFirst(run);
        DashboardInput d = DashboardMapper.map(report, experiments, source::evaluation, config);

        assertThat(d.runId()).isEqualTo(run);
        assertThat(d.generatedAt()).isEqualTo(report.at());
        assertThat(d.startedAt()).isEqualTo(T0);
        assertThat(d.verdict()).isEqualTo(report.verdict().name());
        assertThat(d.severity().name()).isEqualTo(report.severity().name());
        assertThat(d.reasons().get(0)).isEqualTo("cause: " + report.cause() + " - " + String.join("; ", report.reasons()));
        assertThat(d.reasons().get(1)).isEqualTo("do: " + report.todo());
        assertThat(d.experiments()).isEqualTo(8);
        assertThat(d.completed()).isEqualTo(6);
        assertThat(d.byOutcome()).containsEntry(OutcomeKind.OK, 6L).containsEntry(OutcomeKind.COMPILE_ERROR, 1L)
                .containsEntry(OutcomeKind.TIMEOUT, 1L);
        assertThat(d.byStatus()).containsEntry(ExperimentStatus.COMPLETED, 6L);

        // the run's best is the best score (BD-rate -35 %, experiment 4); its bitrate is the second figure
        String best = completedIds.get(4);
        assertThat(d.bestBitrate()).isEqualTo(new DashboardInput.BestBitrate(best, 500, 0.5));
        assertThat(d.bestBdRate()).isEqualTo(new DashboardInput.BestBdRate(completedIds.get(4), -35));
        assertThat(d.baselineKbps()).isEqualTo(BASE);

        assertThat(d.trend()).extracting(DashboardInput.TrendPoint::experimentId).containsExactlyElementsOf(completedIds);
        for (int k = 0; k < 6; k++) {
            assertThat(d.trend().get(k).ratio()).isCloseTo(KBPS[k] / BASE, within(1e-12));
            assertThat(d.trend().get(k).hour()).isCloseTo(Duration.between(T0, finished.get(k)).toMillis() / 3.6e6, within(1e-9));
        }
        // Six measured experiments are TOO_FEW: the dashboard says so in the monitor's word and draws no line.
        assertThat(d.trendLine()).isNotNull();
        assertThat(d.trendLine().direction()).isEqualTo("TOO_FEW").isEqualTo(report.analysis().trend().direction().name());
        assertThat(d.trendLine().slopePerHour()).isNaN();
        assertThat(d.trendLine().pValue()).isEqualTo(report.analysis().trend().pValue());
        assertThat(d.guides()).extracting(DashboardInput.Guide::value).containsExactly(1.0, 0.5, 0.1);

        // Top 3 programs by the score, BD-rate (-35, -30, -20 %), each on both clips, best first within a clip.
        assertThat(d.rdCurves()).hasSize(6);
        assertThat(d.rdCurves().stream().filter(c -> c.clip().clipId().equals("motion")).map(DashboardInput.RdCurve::experimentId))
                .containsExactly(completedIds.get(4), completedIds.get(5), completedIds.get(2));
        assertThat(d.rdCurves().get(0).clip().baseline()).hasSize(4);

        assertThat(d.timeoutRate()).isCloseTo(1 / 8.0, within(1e-12));
        assertThat(d.validationFailureRate()).isCloseTo(1 / 8.0, within(1e-12));
        assertThat(d.errors()).hasSize(2);
        assertThat(d.errors()).extracting(DashboardInput.ErrorRow::exampleExperimentId).containsExactlyInAnyOrder(invalidId, timeoutId);
        assertThat(d.errors()).anySatisfy(e -> assertThat(e.exampleMessage()).contains("';' expected"));

        assertThat(d.timeline()).isNotNull();
        assertThat(d.timeline().status()).isEqualTo(report.timeline().status().name());
        assertThat(d.timeline().step()).isEqualTo(report.timeline().step());
        assertThat(d.success()).hasSize(report.success().criteria().size() + 1);
        assertThat(d.success().get(report.success().criteria().size()).name()).startsWith("stretch");
        assertThat(d.costUsd()).isCloseTo(8 * 0.25, within(1e-9));
        assertThat(d.dataQuality()).isEmpty();
    }

    @Test
    void writesTheWholeSiteWithoutMovingTheMonitor() throws Exception {
        String stateBefore = store.getRun(run).monitorState();
        Path site = dir.resolve("site");
        SitePublisher publisher = new SitePublisher(store, artifacts, ops, MonitorConfig.defaults(), clock);
        SitePublisher.Published p = publisher.all(null, null, SiteOutput.folder(site));

        assertThat(store.getRun(run).monitorState()).as("read-only analysis").isEqualTo(stateBefore);
        assertThat(p.runId()).isEqualTo(run);
        assertThat(p.experiments()).isEqualTo(8);
        assertThat(p.posts()).isEqualTo(8);
        assertThat(p.runs()).isEqualTo(1);
        assertThat(p.report().analysis().completed()).isEqualTo(6);
        String index = Files.readString(site.resolve("index.html"));
        assertThat(index).contains("<span id=\"experiment-count\">8</span>", "<span id=\"best-ratio\">0.500</span>",
                p.report().verdict().name(), "blog/" + completedIds.get(5) + ".html");
        for (String id : completedIds) {
            assertThat(site.resolve("blog/" + id + ".html")).exists();
        }
        assertThat(Files.readString(site.resolve("runs.html"))).contains(run, p.report().verdict().name());
        assertThat(site.resolve("archive.html")).exists();
        assertThat(Files.readString(site.resolve("blog/index.html"))).contains("8 planned", "<table id=\"experiments\"");
    }

    @Test
    void postsWritesOneExperimentItsNeighboursAndTheRunsBlogIndexButNotTheMonitorsPages() {
        List<String> written = new ArrayList<>();
        SitePublisher publisher = new SitePublisher(store, artifacts, ops, MonitorConfig.defaults(), clock);
        SitePublisher.Published p = publisher.posts(run, List.of(completedIds.get(2)), (path, content) -> written.add(path));
        assertThat(written).contains("blog/index.html",
                "blog/" + completedIds.get(2) + ".html", "blog/" + completedIds.get(2) + ".json");
        // Record's work stays within its run: the dashboard, run list and archive are the hourly monitor's.
        assertThat(written).doesNotContain("index.html", "runs.html", "archive.html");
        assertThat(p.posts()).isEqualTo(3); // itself and its two neighbours
    }

    @Test
    void bucketOutputStoresNamedPagesWithTheirMediaType() {
        List<String> types = new ArrayList<>();
        FileArtifactStore files = new FileArtifactStore(dir.resolve("bucket"));
        ArtifactStore bucket = new ArtifactStore() {
            public String put(String kind, byte[] bytes) { return files.put(kind, bytes); }
            public byte[] get(String key) { return files.get(key); }
            public boolean exists(String key) { return files.exists(key); }
            public List<String> list(String prefix) { return files.list(prefix); }
            public void putNamed(String name, byte[] bytes) { files.putNamed(name, bytes); }
            public byte[] getNamed(String name) { return files.getNamed(name); }
            public List<String> listNamed(String prefix) { return files.listNamed(prefix); }

            @Override
            public void putNamed(String name, byte[] bytes, String contentType) {
                types.add(name + " " + contentType);
                files.putNamed(name, bytes);
            }
        };
        SiteOutput out = SiteOutputs.artifacts(bucket, SiteOutputs.SITE_PREFIX);
        out.write("index.html", "<p>hi</p>");
        out.write("blog/e1.json", "{}");
        assertThat(new String(bucket.getNamed("site/index.html"), StandardCharsets.UTF_8)).isEqualTo("<p>hi</p>");
        assertThat(types).containsExactly("site/index.html text/html; charset=utf-8", "site/blog/e1.json application/json");
    }

    @Test
    void monitorLambdaRegeneratesTheIndexPagesAndSurvivesASiteFailure() throws Exception {
        MonitorConfig config = MonitorFunction.config(Map.of("CODEC_LAB_SITE_URL", "https://d1.example"));
        assertThat(config.dashboardUrl()).isEqualTo("https://d1.example/index.html");
        assertThat(config.blogUrl()).isEqualTo("https://d1.example/blog/index.html");
        List<String> written = new ArrayList<>();
        SitePublisher publisher = new SitePublisher(store, artifacts, ops, config, clock);
        Map<String, Object> out = new MonitorFunction(ops, config, null, null, publisher, (p, c) -> written.add(p)).handle(Map.of());
        assertThat(out.get("site")).isEqualTo("wrote 4 pages");
        assertThat(written).containsExactlyInAnyOrder("index.html", "runs.html", "archive.html", "blog/index.html");

        Map<String, Object> failed = new MonitorFunction(ops, config, null, null, publisher, (p, c) -> {
            throw new IllegalStateException("bucket unavailable");
        }).handle(Map.of());
        assertThat(failed.get("site")).isEqualTo("failed: bucket unavailable");
        assertThat(failed).containsEntry("runId", run).containsKey("verdict");
    }
}
