package codeclab.site;

import codeclab.core.OutcomeKind;
import codeclab.site.DashboardInput.TrendPoint;
import codeclab.site.svg.LineChart;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DashboardPageTest {

    static final Instant NOW = Instant.parse("2025-10-17T14:50:00Z");

    private static DashboardInput withTrend(List<TrendPoint> trend, DashboardInput.TrendLine line) {
        return new DashboardInput("r1", NOW, null, "LET_IT_RUN", DashboardInput.Severity.INFO, List.of("trend improving"),
                trend.size(), trend.size(), Map.of(OutcomeKind.OK, (long) trend.size()), Map.of(), null, null, 700.0,
                trend, line, DashboardInput.defaultGuides(), List.of(), 0, 0, List.of(), null, List.of(), 0, List.of());
    }

    @Test
    void aTrendPointAtRatioHalfLandsAtTheLogScaledPixel() {
        // Ratios 0.5..2 and guides 0.1..1: the axis spans 0.1/1.25 = 0.08 .. 2 * 1.25 = 2.5 on a log scale;
        // hours 0..4 span 0 .. 4 * 1.04 = 4.16.
        var in = withTrend(List.of(new TrendPoint("e1", 1, 2.0), new TrendPoint("e2", 2, 0.5), new TrendPoint("e3", 4, 1.0)), null);
        DashboardPage.TrendChart t = DashboardPage.trendChart(in);
        double expectedY = 360 - 48 - Math.log(0.5 / 0.08) / Math.log(2.5 / 0.08) * (360 - 36 - 48);
        double expectedX = 64 + 2 / 4.16 * (640 - 64 - 16);
        assertThat(expectedY).isEqualTo(165.05, within(0.01));
        assertThat(t.chart().py(0.5)).isEqualTo(expectedY, within(1e-9));
        assertThat(t.chart().px(2)).isEqualTo(expectedX, within(1e-9));
        String svg = t.chart().render("t");
        assertThat(svg).contains(String.format(java.util.Locale.ROOT, "cx=\"%.1f\" cy=\"%.1f\"", expectedX, expectedY));
        // The three guides lie inside the axis and are drawn with their labels.
        assertThat(svg).contains("x264 = 1.0", "success 0.5", "target 0.1");
        assertThat(HtmlCheck.count(svg, "class=\"guide\"")).isEqualTo(3);
        // Every experiment links to its post.
        assertThat(svg).contains("<a href=\"blog/e2.html\">");
        assertThat(t.note()).isEmpty();
    }

    @Test
    void aRunYoungerThanAnHourIsDrawnInMinutes() {
        // Finished 6, 9 and 12 minutes in; the fitted line is ratio = 2 - 6 x hours = 2 - 0.1 x minutes.
        var in = withTrend(List.of(new TrendPoint("a", 0.1, 1.4), new TrendPoint("b", 0.15, 1.1), new TrendPoint("c", 0.2, 0.8)),
                new DashboardInput.TrendLine(-6, 2, 0.04, "IMPROVING"));
        DashboardPage.TrendChart t = DashboardPage.trendChart(in);
        assertThat(t.chart().x().label()).isEqualTo("minutes since start");
        assertThat(t.chart().x().max()).isEqualTo(12 * 1.04, within(1e-9));
        LineChart.Series points = t.chart().series().stream().filter(s -> s.name().equals("experiment")).findFirst().orElseThrow();
        assertThat(points.points()).extracting(LineChart.Point::x).containsExactly(6.0, 9.0, 12.0);
        LineChart.Series line = t.chart().series().stream().filter(s -> s.name().equals("trend")).findFirst().orElseThrow();
        for (LineChart.Point p : line.points()) {
            assertThat(p.y()).isEqualTo(2 - 0.1 * p.x(), within(1e-9));
        }
        assertThat(t.chart().description()).contains("over 12.0 minutes");
    }

    @Test
    void bestSoFarIsAStepLineThroughEveryImprovement() {
        var in = withTrend(List.of(new TrendPoint("a", 1, 2.0), new TrendPoint("b", 2, 2.5), new TrendPoint("c", 3, 1.0),
                new TrendPoint("d", 4, 1.5)), null);
        LineChart.Series best = DashboardPage.trendChart(in).chart().series().stream()
                .filter(s -> s.name().equals("best so far")).findFirst().orElseThrow();
        assertThat(best.points()).extracting(LineChart.Point::x).containsExactly(1.0, 3.0, 3.0, 4.0);
        assertThat(best.points()).extracting(LineChart.Point::y).containsExactly(2.0, 2.0, 1.0, 1.0);
    }

    @Test
    void trendLineIsClippedToTheChartRange() {
        // y = 3 - 1 * hour from hour 0 to 5 leaves the log axis (min 0.08) at hour 2.92.
        List<LineChart.Point> seg = DashboardPage.clippedLine(3, -1, 0, 5, 0.08, 3.75);
        assertThat(seg).hasSize(2);
        assertThat(seg.get(0).x()).isEqualTo(0, within(1e-6));
        assertThat(seg.get(1).x()).isEqualTo(2.92, within(1e-6));
        assertThat(DashboardPage.clippedLine(5, 0, 0, 5, 0.08, 3.75)).isEmpty();
        var in = withTrend(List.of(new TrendPoint("a", 1, 2.0), new TrendPoint("b", 2, 1.5), new TrendPoint("c", 3, 1.0)),
                new DashboardInput.TrendLine(-0.5, 2.5, 0.04, "IMPROVING"));
        assertThat(DashboardPage.trendChart(in).chart().series()).extracting(LineChart.Series::name).contains("trend");
    }

    @Test
    void realisticRunShowsVerdictNumbersChartsAndLinks() {
        Fixtures.Source s = Fixtures.run("run-1", 40, 8, 0.75, 7);
        DashboardInput in = Fixtures.dashboard(s, "run-1", NOW);
        String html = DashboardPage.render(in);
        HtmlCheck.wellFormed(html);
        assertThat(html).contains("class=\"verdict sev-" + in.severity() + "\">" + in.verdict());
        assertThat(html).contains("<span id=\"experiment-count\">40</span>");
        assertThat(html).contains("<span id=\"best-ratio\">" + Format.num(in.bestBitrate().ratio(), 3) + "</span>");
        assertThat(html).contains("href=\"blog/" + in.bestBitrate().experimentId() + ".html\"");
        assertThat(html).contains("Morning review", "Dashboard: how many experiments?", "Blog: are results showing?",
                "Best bitrate?", "Trend: improving, plateaued or random?", "Logs: errors or issues?", "Database: clean data?");
        // trend chart + one RD chart per clip
        List<String> svgs = HtmlCheck.svgs(html);
        assertThat(svgs).hasSize(1 + Fixtures.CLIPS.length);
        Document trend = HtmlCheck.parseXml(svgs.get(0));
        assertThat(countPointsOf(trend, "experiment")).isEqualTo(in.completed());
        assertThat(html).contains("Rate–distortion on synthetic-motion", "Rate–distortion on synthetic-texture");
        // error table from the failures, with an example linked to its post
        assertThat(html).contains("id=\"error-table\"", in.errors().get(0).signature().replace("<", "&lt;").replace(">", "&gt;"));
        assertThat(html).contains("✓ met", "missed: best &lt; 1 Mbps");
    }

    static long countPointsOf(Document svg, String series) {
        NodeList groups = svg.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (series.equals(g.getAttribute("data-series"))) {
                return g.getElementsByTagName("circle").getLength();
            }
        }
        return 0;
    }

    @Test
    void emptyRunRendersWithoutCharts() {
        String html = DashboardPage.render(DashboardInput.empty("fresh", NOW));
        HtmlCheck.wellFormed(html);
        assertThat(html).contains("TOO_EARLY", "No completed experiment yet", "<span id=\"review-count\">0</span>", "No posts yet");
        assertThat(HtmlCheck.svgs(html)).isEmpty();
    }

    @Test
    void runWithOnlyFailuresShowsErrorsAndNoResults() {
        Fixtures.Source s = Fixtures.run("bad", 12, 2, 0.0, 3);
        DashboardInput in = Fixtures.dashboard(s, "bad", NOW);
        String html = DashboardPage.render(in);
        HtmlCheck.wellFormed(html);
        assertThat(in.completed()).isZero();
        assertThat(html).contains("PURGE_AND_RESTART", "sev-CRITICAL", "Only failures so far", "None measured yet",
                "No completed experiment yet", "id=\"error-table\"");
        assertThat(HtmlCheck.svgs(html)).isEmpty();
    }

    @Test
    void fiveHundredExperimentsRenderWithACappedChartAndPage() {
        Fixtures.Source s = Fixtures.run("big", 500, 40, 0.9, 11);
        DashboardInput in = Fixtures.dashboard(s, "big", NOW);
        long t0 = System.nanoTime();
        String html = DashboardPage.render(in);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        HtmlCheck.wellFormed(html);
        System.out.println("dashboard of 500 experiments rendered in " + ms + " ms");
        assertThat(html.length()).as("page size").isLessThan(300_000);
        DashboardPage.TrendChart t = DashboardPage.trendChart(in);
        assertThat(in.trend().size()).isGreaterThan(DashboardPage.MAX_TREND_POINTS);
        Document trend = HtmlCheck.parseXml(t.chart().render("x"));
        assertThat(countPointsOf(trend, "experiment")).isEqualTo(DashboardPage.MAX_TREND_POINTS);
        assertThat(countPointsOf(trend, "older (median)")).isBetween(1L, (long) DashboardPage.SUMMARY_BINS);
        assertThat(t.note()).contains(in.trend().size() + " experiments", "summarised");
        assertThat(html).contains("summarised as");
        // the best experiment is always among the linked points
        assertThat(t.chart().render("x")).contains("blog/" + in.bestBitrate().experimentId() + ".html");
    }

    @Test
    void configurableGuidesReplaceThePlanDefaults() {
        List<TrendPoint> pts = new ArrayList<>(List.of(new TrendPoint("a", 1, 0.9), new TrendPoint("b", 2, 0.8)));
        var base = withTrend(pts, null);
        var in = new DashboardInput(base.runId(), NOW, null, base.verdict(), base.severity(), base.reasons(), 2, 2, Map.of(), Map.of(),
                null, null, null, pts, null, List.of(new DashboardInput.Guide("hopeless 1.5", 1.5)), List.of(), 0, 0, List.of(), null,
                List.of(), 0, List.of());
        String svg = DashboardPage.trendChart(in).chart().render("g");
        assertThat(svg).contains("hopeless 1.5").doesNotContain("target 0.1");
    }
}
