package codeclab.site;

import codeclab.core.Experiment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SiteGeneratorTest {

    static final Instant NOW = Instant.parse("2025-10-17T14:50:00Z");

    @Test
    void writesDashboardIndexPagesAndOnePostWithRawNumbersPerExperiment(@TempDir Path dir) throws Exception {
        Fixtures.Source s = Fixtures.run("run-2", 25, 6, 0.7, 5);
        Fixtures.addRun(s, "run-1", 8, 2, 0.5, 9, Fixtures.START.minusSeconds(86_400));
        s.archived.add(new ArchivePage.ArchivedRun("run-0", Fixtures.START.minusSeconds(3600), 26, "archive/run-0.json.gz", null));
        var gen = new SiteGenerator(s, SiteOutput.folder(dir), Clock.fixed(NOW, ZoneOffset.UTC));
        DashboardInput dash = Fixtures.dashboard(s, "run-2", NOW);

        SiteGenerator.Result r = gen.generate(null, Map.of("run-2", dash));

        assertThat(r.written()).hasSize(5 + 2 * 25 + comparePages(s, "run-2"))
                .contains("index.html", "runs.html", "archive.html", "blog/index.html", "glossary.html");
        List<Path> html;
        try (Stream<Path> files = Files.walk(dir)) {
            html = files.filter(p -> p.toString().endsWith(".html")).toList();
        }
        for (Path p : html) {
            HtmlCheck.wellFormed(Files.readString(p));
        }
        assertThat(Files.readString(dir.resolve("index.html"))).contains("Run run-2", "<span id=\"experiment-count\">25</span>");
        String runs = Files.readString(dir.resolve("runs.html"));
        assertThat(runs.indexOf("run-2")).isLessThan(runs.indexOf("run-1"));
        assertThat(runs).contains("<a href=\"index.html\">run-2 <span class=\"muted\">(current)</span></a>", dash.verdict());
        assertThat(Files.readString(dir.resolve("archive.html"))).contains("run-0", "archive/run-0.json.gz", "<td>26</td>");

        List<Experiment> ex = s.experimentsNewestFirst("run-2");
        Experiment middle = ex.get(10);
        String post = Files.readString(dir.resolve("blog/" + middle.experimentId() + ".html"));
        assertThat(post).contains("href=\"" + ex.get(9).experimentId() + ".html\">← newer",
                "href=\"" + ex.get(11).experimentId() + ".html\">older →", "href=\"" + middle.experimentId() + ".json\"");
        Experiment child = ex.stream().filter(e -> e.completed() && e.parentId() != null).findFirst().orElseThrow();
        String childPost = Files.readString(dir.resolve("blog/" + child.experimentId() + ".html"));
        assertThat(childPost).contains("Diff against the parent", "Parent: <a href=\"" + child.parentId() + ".html\"",
                "class=\"add\">+ ", "Rate–distortion on synthetic-motion");

        JsonNode raw = new ObjectMapper().readTree(dir.resolve("blog/" + child.experimentId() + ".json").toFile());
        assertThat(raw.at("/experiment/experimentId").asText()).isEqualTo(child.experimentId());
        assertThat(raw.at("/experiment/createdAt").asText()).isEqualTo(child.createdAt().toString());
        assertThat(raw.at("/evaluation/clips").size()).isEqualTo(Fixtures.CLIPS.length);
        assertThat(raw.at("/evaluation/clips/0/points/2/bitrateKbps").asDouble())
                .isEqualTo(s.evaluations.get(child.evaluationHash()).clips().get(0).points().get(2).bitrateKbps());
        Experiment failed = ex.stream().filter(e -> !e.completed()).findFirst().orElseThrow();
        assertThat(new ObjectMapper().readTree(dir.resolve("blog/" + failed.experimentId() + ".json").toFile())
                .at("/evaluation").isNull()).isTrue();
        assertThat(Files.readString(dir.resolve("blog/" + failed.experimentId() + ".html"))).contains("Errors", failed.outcome().name());
    }

    @Test
    void incrementalRunWritesOnlyTheNewPostItsNeighbourAndTheIndexPages(@TempDir Path dir) {
        Fixtures.Source s = Fixtures.run("run-1", 10, 2, 0.8, 1);
        List<String> written = new ArrayList<>();
        SiteOutput folder = SiteOutput.folder(dir);
        var gen = new SiteGenerator(s, (path, content) -> {
            written.add(path);
            folder.write(path, content);
        });
        String newest = s.experimentsNewestFirst("run-1").get(0).experimentId();
        String previous = s.experimentsNewestFirst("run-1").get(1).experimentId();

        var r = gen.generatePosts("run-1", Map.of(), List.of(newest));

        List<String> expected = new java.util.ArrayList<>(List.of("index.html", "runs.html", "archive.html", "blog/index.html",
                "glossary.html", "blog/" + newest + ".html", "blog/" + newest + ".json", "blog/" + previous + ".html",
                "blog/" + previous + ".json"));
        for (String id : List.of(newest, previous)) {
            var e = s.experimentsNewestFirst("run-1").stream().filter(x -> x.experimentId().equals(id)).findFirst().orElseThrow();
            if (e.parentId() != null) {
                expected.add(ComparePage.path(List.of(e.parentId(), id)));
            }
        }
        expected.add(ComparePage.path(bestThree(s, "run-1")));
        assertThat(written).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.written()).isEqualTo(written);
    }

    @Test
    void runWithoutAMonitorReportGetsACountingDashboardAndEmptySiteRenders(@TempDir Path dir) throws Exception {
        var gen = new SiteGenerator(new Fixtures.Source(), SiteOutput.folder(dir));
        gen.generate(null, Map.of());
        for (String p : List.of("index.html", "runs.html", "archive.html", "blog/index.html")) {
            HtmlCheck.wellFormed(Files.readString(dir.resolve(p)));
        }
        assertThat(Files.readString(dir.resolve("runs.html"))).contains("No runs yet");

        Fixtures.Source s = Fixtures.run("r", 6, 1, 0.5, 2);
        new SiteGenerator(s, SiteOutput.folder(dir)).generate("r", Map.of());
        assertThat(Files.readString(dir.resolve("index.html"))).contains("NOT_JUDGED", "the monitor has not reported",
                "<span id=\"experiment-count\">6</span>");
    }

    @Test
    void fiveHundredExperimentsGenerateEveryPageWithinPageSizeLimits() {
        Fixtures.Source s = Fixtures.run("big", 500, 40, 0.9, 4);
        DashboardInput dash = Fixtures.dashboard(s, "big", NOW);
        Map<String, String> pages = new java.util.HashMap<>();
        long t0 = System.nanoTime();
        var r = new SiteGenerator(s, pages::put).generate("big", Map.of("big", dash));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.written()).hasSize(5 + 1000 + comparePages(s, "big"));
        System.out.println("site: " + r.written().size() + " pages in " + ms + " ms (timed here, asserted nowhere: a loaded build machine is not a benchmark)");
        assertThat(pages.get("index.html").length()).isLessThan(300_000);
        assertThat(pages.get("blog/index.html").length()).isLessThan(400_000);
        assertThat(pages.values().stream().mapToLong(String::length).max().orElseThrow()).as("largest page").isLessThan(400_000);
    }

    /** One compare page per experiment whose parent is in the run, plus the best three's. */
    static int comparePages(Fixtures.Source s, String run) {
        var all = s.experimentsNewestFirst(run);
        var ids = all.stream().map(codeclab.core.Experiment::experimentId).collect(java.util.stream.Collectors.toSet());
        long pairs = all.stream().filter(e -> e.parentId() != null && ids.contains(e.parentId())).count();
        return (int) pairs + (bestThree(s, run).size() >= 2 ? 1 : 0);
    }

    static List<String> bestThree(Fixtures.Source s, String run) {
        return s.experimentsNewestFirst(run).stream().filter(e -> e.bdRatePercent() != null)
                .sorted(java.util.Comparator.comparingDouble(codeclab.core.Experiment::bdRatePercent)).limit(3)
                .map(codeclab.core.Experiment::experimentId).toList();
    }
}
