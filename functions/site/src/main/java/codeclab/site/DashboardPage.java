package codeclab.site;

import codeclab.core.ClipEvaluation;
import codeclab.core.RdPoint;
import codeclab.site.DashboardInput.RdCurve;
import codeclab.site.DashboardInput.TrendPoint;
import codeclab.site.svg.Axis;
import codeclab.site.svg.Html;
import codeclab.site.svg.LineChart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard of one run ({@code index.html} at the site root): the verdict with its reasons, the operator's
 * six morning-review questions answered with links, headline cards, the trend chart, RD curves of the best
 * programs against x264, error signatures, the timeline and success criteria. Static HTML + inline SVG only.
 */
public final class DashboardPage {

    public static final String PATH = "index.html";
    /** Experiments drawn as individual linked markers; beyond this the older ones are summarised. */
    public static final int MAX_TREND_POINTS = 300;
    /** Bins for the summary of experiments beyond {@link #MAX_TREND_POINTS}. */
    static final int SUMMARY_BINS = 60;
    /** Programs drawn per clip in the RD charts (one colour each). */
    static final int MAX_RD_PROGRAMS = 4;

    private DashboardPage() {
    }

    /** The trend chart and a note saying how points were reduced (empty when all are drawn). */
    public record TrendChart(LineChart chart, String note, int drawnPoints) {
    }

    public static String render(DashboardInput in) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Run ").append(Html.esc(in.runId())).append("</h1>\n<p class=\"muted\">Generated ")
                .append(Format.time(in.generatedAt())).append(in.startedAt() == null ? "" : " · started " + Format.time(in.startedAt()))
                .append(String.format(Locale.ROOT, " · <a href=\"%s\">blog</a> · <a href=\"runs.html\">all runs</a>",
                        BlogIndex.PATH)).append("</p>\n");
        verdict(b, in);
        review(b, in);
        cards(b, in);
        outcomes(b, in);
        trend(b, in);
        rdCurves(b, in);
        errors(b, in);
        timelineAndCriteria(b, in);
        dataQuality(b, in);
        return Page.html("Dashboard " + in.runId(), "", b.toString());
    }

    private static void verdict(StringBuilder b, DashboardInput in) {
        b.append("<section class=\"verdict-box\" id=\"verdict\"><span class=\"verdict sev-").append(in.severity()).append("\">")
                .append(Html.esc(in.verdict())).append("</span> <span class=\"muted\">severity ").append(in.severity())
                .append(" · <a href=\"").append(Glossary.PATH).append('#').append(Html.esc(in.verdict())).append("\">what it means and what to do</a>")
                .append("</span>\n<ul>");
        for (String r : in.reasons()) {
            b.append("<li>").append(Html.esc(r)).append("</li>");
        }
        b.append("</ul></section>\n");
    }

    /** The plan's "Notes for Morning Review", answered. */
    private static void review(StringBuilder b, DashboardInput in) {
        b.append("<section class=\"review\" id=\"morning-review\"><h2>Morning review</h2><ol>\n");
        long failed = in.byOutcome().entrySet().stream().filter(e -> e.getKey() != codeclab.core.OutcomeKind.OK)
                .mapToLong(Map.Entry::getValue).sum();
        b.append("<li><strong>Dashboard: how many experiments?</strong> <span id=\"review-count\">").append(in.experiments())
                .append("</span> experiments, ").append(in.completed()).append(" completed, ").append(failed).append(" failed")
                .append(".</li>\n");
        b.append("<li><strong>Blog: are results showing?</strong> ")
                .append(in.experiments() == 0 ? "No posts yet." : in.completed() > 0
                        ? "Yes: " + in.completed() + " measured experiments."
                        : "Only failures so far: no measured results.")
                .append(" <a href=\"").append(BlogIndex.PATH).append("\">Read the blog</a>.</li>\n");
        b.append("<li><strong>Best bitrate?</strong> ");
        if (in.bestBitrate() == null) {
            b.append("None measured yet.");
        } else {
            var best = in.bestBitrate();
            b.append(Format.num(best.kbps(), 1)).append(" kbps at target quality, ratio <span class=\"")
                    .append(Format.ratioClass(best.ratio())).append("\">").append(Format.num(best.ratio(), 3))
                    .append("</span> of x264").append(in.baselineKbps() == null ? "" : " (" + Format.num(in.baselineKbps(), 1) + " kbps)")
                    .append(", by ").append(postLink(best.experimentId(), "")).append('.');
        }
        b.append("</li>\n<li><strong>Trend: improving, plateaued or random?</strong> ").append(trendWords(in))
                .append(" <a href=\"#trend\">Trend chart</a>.</li>\n");
        b.append("<li><strong>Logs: errors or issues?</strong> ");
        if (in.errors().isEmpty()) {
            b.append("No repeated errors.");
        } else {
            var top = in.errors().get(0);
            b.append(in.errors().size()).append(" error signatures; the most frequent (").append(top.count()).append("×): <code>")
                    .append(Html.esc(top.signature())).append("</code>.");
        }
        b.append(" Timeouts ").append(rate(in.timeoutRate())).append(", validation failures ").append(rate(in.validationFailureRate()))
                .append(". <a href=\"#errors\">Errors</a>.</li>\n");
        // The first data-quality line is the count of findings (the lines after it are per kind and examples).
        b.append("<li><strong>Database: clean data?</strong> ").append(in.dataQuality().isEmpty() ? "Clean: no findings."
                        : "Not clean: " + Html.esc(in.dataQuality().get(0)) + ".").append(" <a href=\"#data-quality\">Data quality</a>.</li>\n");
        b.append("</ol></section>\n");
    }

    private static String trendWords(DashboardInput in) {
        // The monitor's one vocabulary: IMPROVING / FLAT / WORSENING / TOO_FEW, printed as it is everywhere.
        var t = in.trendLine();
        String word = t == null || t.direction() == null ? "TOO_FEW" : t.direction();
        String meaning = switch (word) {
            case "IMPROVING" -> "a significant downward trend of the score";
            case "WORSENING" -> "a significant upward trend of the score";
            case "FLAT" -> "no significant trend (a plateau, or noise)";
            default -> "too few measured experiments to claim a trend";
        };
        return String.format(Locale.ROOT, "%s: %s (Mann–Kendall p = %.3g, %d points).", word, meaning,
                t == null ? 1.0 : t.pValue(), in.trend().size());
    }

    private static void cards(StringBuilder b, DashboardInput in) {
        b.append("<div class=\"cards\" id=\"cards\">\n");
        card(b, "Experiments", "<span id=\"experiment-count\">" + in.experiments() + "</span>",
                in.completed() + " completed", "");
        if (in.bestBitrate() != null) {
            var best = in.bestBitrate();
            card(b, "Best bitrate at target", Format.num(best.kbps(), 1) + " kbps", postLink(best.experimentId(), ""), "");
            card(b, "Best ratio to x264", "<span id=\"best-ratio\">" + Format.num(best.ratio(), 3) + "</span>",
                    in.baselineKbps() == null ? "x264 baseline unknown" : "x264: " + Format.num(in.baselineKbps(), 1) + " kbps",
                    Format.ratioClass(best.ratio()));
        } else {
            card(b, "Best bitrate at target", "—", "nothing measured yet", "");
        }
        if (in.bestBdRate() != null) {
            var bd = in.bestBdRate();
            card(b, "Best BD-rate vs x264", Format.pct(bd.percent(), bd.overlapPercent()), postLink(bd.experimentId(), ""), Format.bdClass(bd.percent()));
        }
        card(b, "Timeout rate", rate(in.timeoutRate()), "plan: under 20 %", in.timeoutRate() > 0.2 ? "bad" : "");
        card(b, "Validation failures", rate(in.validationFailureRate()), "of finished experiments", "");
        card(b, "Cost so far", String.format(Locale.ROOT, "$%.2f", in.costUsd()), "planner", "");
        b.append("</div>\n");
    }

    private static void outcomes(StringBuilder b, DashboardInput in) {
        if (in.byOutcome().isEmpty() && in.byStatus().isEmpty()) {
            return;
        }
        b.append("<h2>Experiments by outcome</h2>\n<table id=\"outcomes\"><thead><tr><th>outcome / status</th><th>count</th></tr></thead><tbody>\n");
        in.byOutcome().forEach((k, v) -> b.append("<tr><td class=\"").append(k == codeclab.core.OutcomeKind.OK ? "good" : "bad")
                .append("\">").append(k).append("</td><td>").append(v).append("</td></tr>\n"));
        in.byStatus().forEach((k, v) -> {
            if (!k.isFinal()) {
                b.append("<tr><td class=\"muted\">in flight: ").append(k).append("</td><td>").append(v).append("</td></tr>\n");
            }
        });
        b.append("</tbody></table>\n");
    }

    private static void trend(StringBuilder b, DashboardInput in) {
        b.append("<h2 id=\"trend\">Trend: bitrate at target quality / x264</h2>\n");
        TrendChart t = trendChart(in);
        if (t == null) {
            b.append("<p class=\"muted\">No completed experiment yet: nothing to plot.</p>\n");
            return;
        }
        b.append("<figure>").append(t.chart().render("trend-chart"));
        b.append("<figcaption class=\"muted\">Each dot is one experiment (click for its post); lower is better. ")
                .append(Html.esc(t.note())).append("</figcaption></figure>\n");
    }

    /**
     * The trend chart: a log ratio axis against time since the start, or null when nothing completed. Time is in hours,
     * or in minutes while the run is younger than an hour (a short local run would otherwise crowd into one corner).
     */
    public static TrendChart trendChart(DashboardInput in) {
        List<TrendPoint> hourly = in.trend().stream().filter(p -> p.ratio() > 0 && Double.isFinite(p.ratio())
                && Double.isFinite(p.hour())).sorted(Comparator.comparingDouble(TrendPoint::hour)).toList();
        if (hourly.isEmpty()) {
            return null;
        }
        boolean minutes = hourly.get(hourly.size() - 1).hour() < 1;
        double perHour = minutes ? 60 : 1;
        String unit = minutes ? "minutes" : "hours";
        // From here on, TrendPoint.hour() is in the chart's unit.
        List<TrendPoint> pts = hourly.stream().map(p -> new TrendPoint(p.experimentId(), p.hour() * perHour, p.ratio())).toList();
        // Best-so-far as a step line, drawn through every improvement.
        List<LineChart.Point> best = new ArrayList<>();
        List<TrendPoint> improvers = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        for (TrendPoint p : pts) {
            if (p.ratio() < min) {
                if (!best.isEmpty()) {
                    best.add(LineChart.Point.of(p.hour(), min));
                }
                min = p.ratio();
                best.add(LineChart.Point.of(p.hour(), min));
                improvers.add(p);
            }
        }
        double lastX = pts.get(pts.size() - 1).hour();
        best.add(LineChart.Point.of(lastX, min));

        // Beyond the cap: keep every improvement and the newest points as links, summarise the rest by bins.
        List<TrendPoint> linked = pts;
        List<LineChart.Point> summary = List.of();
        String note = "";
        if (pts.size() > MAX_TREND_POINTS) {
            java.util.Set<TrendPoint> keep = new java.util.HashSet<>(improvers);
            for (int i = pts.size() - 1; i >= 0 && keep.size() < MAX_TREND_POINTS; i--) {
                keep.add(pts.get(i));
            }
            linked = pts.stream().filter(keep::contains).toList();
            List<TrendPoint> older = pts.stream().filter(p -> !keep.contains(p)).toList();
            summary = medianBins(older);
            note = String.format(Locale.ROOT, "%d experiments: the newest and every new best are drawn as links (%d); "
                    + "the %d older ones are summarised as %d grey median points.", pts.size(), linked.size(), older.size(), summary.size());
        }
        List<Double> ys = new ArrayList<>(pts.stream().map(TrendPoint::ratio).toList());
        in.guides().stream().filter(g -> g.value() > 0).forEach(g -> ys.add(g.value()));
        double lo = ys.stream().mapToDouble(Double::doubleValue).min().orElseThrow() / 1.25;
        double hi = ys.stream().mapToDouble(Double::doubleValue).max().orElseThrow() * 1.25;
        Axis y = new Axis("ratio to x264 (log)", lo, hi, true);
        Axis x = new Axis(unit + " since start", 0, Math.max(lastX * 1.04, 0.1), false);

        List<LineChart.Series> series = new ArrayList<>();
        if (!summary.isEmpty()) {
            series.add(LineChart.Series.scatter("older (median)", summary, "#8c959f"));
        }
        series.add(LineChart.Series.scatter("experiment", linked.stream().map(p -> new LineChart.Point(p.hour(), p.ratio(),
                "blog/" + p.experimentId() + ".html", p.experimentId() + ": ratio " + Format.num(p.ratio(), 3))).toList(), "#0550ae"));
        series.add(new LineChart.Series("best so far", best, "#1a7f37", true, false, false));
        var t = in.trendLine();
        if (t != null && Double.isFinite(t.slopePerHour()) && Double.isFinite(t.intercept())) {
            List<LineChart.Point> line = clippedLine(t.intercept(), t.slopePerHour() / perHour, pts.get(0).hour(), lastX, lo, hi);
            if (line.size() == 2) {
                series.add(new LineChart.Series("trend", line, "#8250df", true, false, true));
            }
        }
        List<LineChart.Guide> guides = in.guides().stream().map(g -> new LineChart.Guide(g.label(), g.value())).toList();
        String desc = String.format(Locale.ROOT, "Ratio of bitrate at target quality to x264 for %d completed experiments over %.1f %s; "
                        + "best so far %.3f; lower is better.%s", pts.size(), lastX, unit, min,
                t == null || !Double.isFinite(t.slopePerHour()) ? ""
                        : String.format(Locale.ROOT, " Theil–Sen slope %+.4f per hour, Mann–Kendall p = %.3g.", t.slopePerHour(), t.pValue()));
        LineChart chart = new LineChart("Ratio to x264 over time", desc, x, y, series, guides);
        return new TrendChart(chart, note, linked.size() + summary.size());
    }

    /** The segment of y = a + s·x over [x0, x1] that lies inside [lo, hi] (empty when none). */
    static List<LineChart.Point> clippedLine(double a, double s, double x0, double x1, double lo, double hi) {
        double from = x0;
        double to = x1;
        if (s != 0) {
            double xLo = (lo - a) / s;
            double xHi = (hi - a) / s;
            from = Math.max(from, Math.min(xLo, xHi));
            to = Math.min(to, Math.max(xLo, xHi));
        } else if (a < lo || a > hi) {
            return List.of();
        }
        if (!(to > from)) {
            return List.of();
        }
        // Pull the ends a hair inside so that rounding never drops them from the axis range.
        double eps = (to - from) * 1e-9;
        return List.of(LineChart.Point.of(from + eps, a + s * (from + eps)), LineChart.Point.of(to - eps, a + s * (to - eps)));
    }

    private static List<LineChart.Point> medianBins(List<TrendPoint> older) {
        if (older.isEmpty()) {
            return List.of();
        }
        double h0 = older.get(0).hour();
        double h1 = older.get(older.size() - 1).hour();
        double width = Math.max((h1 - h0) / SUMMARY_BINS, 1e-9);
        Map<Integer, List<TrendPoint>> bins = new LinkedHashMap<>();
        for (TrendPoint p : older) {
            bins.computeIfAbsent((int) Math.min(SUMMARY_BINS - 1, (p.hour() - h0) / width), k -> new ArrayList<>()).add(p);
        }
        List<LineChart.Point> out = new ArrayList<>();
        bins.values().forEach(bin -> {
            double[] r = bin.stream().mapToDouble(TrendPoint::ratio).sorted().toArray();
            double median = r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
            double hour = bin.stream().mapToDouble(TrendPoint::hour).average().orElseThrow();
            out.add(new LineChart.Point(hour, median, null, bin.size() + " experiments, median ratio " + Format.num(median, 3)));
        });
        return out;
    }

    private static void rdCurves(StringBuilder b, DashboardInput in) {
        if (in.rdCurves().isEmpty()) {
            return;
        }
        b.append("<h2 id=\"rd\">Best programs against x264</h2>\n<div class=\"rd-grid\">\n");
        Map<String, List<RdCurve>> byClip = new LinkedHashMap<>();
        for (RdCurve c : in.rdCurves()) {
            byClip.computeIfAbsent(c.clip().clipId(), k -> new ArrayList<>()).add(c);
        }
        int n = 0;
        for (var e : byClip.entrySet()) {
            List<RdCurve> top = e.getValue().subList(0, Math.min(MAX_RD_PROGRAMS, e.getValue().size()));
            List<List<RdPoint>> curves = top.stream().map(c -> c.clip().points()).toList();
            List<String> names = new ArrayList<>();
            for (int k = 0; k < top.size(); k++) {
                names.add("#" + (k + 1));
            }
            b.append("<div class=\"rd\">").append(ExperimentPage.rdChart(curves, names, top.get(0).clip().baseline(), e.getKey(), "rd-" + n++));
            b.append("<table class=\"rd-legend\"><thead><tr><th>#</th><th>experiment</th><th>BD-rate</th><th>kbps at target</th><th>x264 kbps</th></tr></thead><tbody>\n");
            for (int k = 0; k < top.size(); k++) {
                ClipEvaluation c = top.get(k).clip();
                b.append("<tr><td>#").append(k + 1).append("</td><td>").append(postLink(top.get(k).experimentId(), ""))
                        .append("</td><td class=\"").append(Format.bdClass(c.bdRatePercent())).append("\">").append(Format.pct(c.bdRatePercent(), c.bdRateOverlapPercent()))
                        .append("</td><td>").append(Format.num(c.bitrateAtTargetKbps(), 1)).append("</td><td>")
                        .append(Format.num(c.baselineBitrateAtTargetKbps(), 1)).append("</td></tr>\n");
            }
            b.append("</tbody></table></div>\n");
        }
        b.append("</div>\n");
    }

    private static void errors(StringBuilder b, DashboardInput in) {
        b.append("<h2 id=\"errors\">Errors</h2>\n<p>Timeout rate <strong>").append(rate(in.timeoutRate()))
                .append("</strong> · validation-failure rate <strong>").append(rate(in.validationFailureRate())).append("</strong></p>\n");
        if (in.errors().isEmpty()) {
            b.append("<p class=\"muted\">No error signatures.</p>\n");
            return;
        }
        b.append("<table id=\"error-table\" class=\"wrap\"><thead><tr><th>signature</th><th>count</th><th>example</th></tr></thead><tbody>\n");
        for (var e : in.errors()) {
            b.append("<tr><td><code>").append(Html.esc(e.signature())).append("</code></td><td>").append(e.count()).append("</td><td>")
                    .append(Html.esc(abbreviate(e.exampleMessage(), 200)))
                    .append(e.exampleExperimentId() == null ? "" : " (" + postLink(e.exampleExperimentId(), "") + ")")
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void timelineAndCriteria(StringBuilder b, DashboardInput in) {
        b.append("<h2 id=\"timeline\">Timeline</h2>\n");
        var t = in.timeline();
        if (t == null) {
            b.append("<p class=\"muted\">No step of the plan's timeline is due yet.</p>\n");
        } else {
            String cls = switch (t.status()) {
                case "AHEAD" -> "good";
                case "BEHIND" -> "bad";
                default -> "";
            };
            b.append("<p><span class=\"").append(cls).append("\">").append(Html.esc(t.status().replace('_', ' ').toLowerCase(Locale.ROOT)))
                    .append("</span>").append(t.step() == null ? "" : " · " + Html.esc(t.step())).append("</p>\n<ul>");
            t.missed().forEach(m -> b.append("<li class=\"bad\">missed: ").append(Html.esc(m)).append("</li>"));
            t.ahead().forEach(m -> b.append("<li class=\"good\">ahead: ").append(Html.esc(m)).append("</li>"));
            b.append("</ul>\n");
        }
        b.append("<h2 id=\"success\">Success criteria</h2>\n");
        if (in.success().isEmpty()) {
            b.append("<p class=\"muted\">Not evaluated yet.</p>\n");
            return;
        }
        b.append("<ul class=\"criteria\">");
        for (var c : in.success()) {
            b.append("<li><span class=\"").append(c.met() ? "good\">✓ met" : "bad\">✗ not met").append("</span> ")
                    .append(Html.esc(c.name())).append(c.detail() == null ? "" : " <span class=\"muted\">" + Html.esc(c.detail()) + "</span>")
                    .append("</li>");
        }
        b.append("</ul>\n");
    }

    private static void dataQuality(StringBuilder b, DashboardInput in) {
        b.append("<h2 id=\"data-quality\">Data quality</h2>\n");
        if (in.dataQuality().isEmpty()) {
            b.append("<p class=\"good\">Clean: no findings.</p>\n");
            return;
        }
        b.append("<ul>");
        in.dataQuality().forEach(f -> b.append("<li>").append(Html.esc(f)).append("</li>"));
        b.append("</ul>\n");
    }

    private static void card(StringBuilder b, String key, String valueHtml, String subHtml, String cls) {
        b.append("<div class=\"card\"><div class=\"k\">").append(Html.esc(key)).append("</div><div class=\"v ").append(cls)
                .append("\">").append(valueHtml).append("</div><div class=\"k\">").append(subHtml).append("</div></div>\n");
    }

    private static String postLink(String experimentId, String prefix) {
        return "<a href=\"" + prefix + "blog/" + Html.esc(experimentId) + ".html\">" + Html.esc(experimentId) + "</a>";
    }

    static String rate(double r) {
        return String.format(Locale.ROOT, "%.1f %%", r * 100);
    }

    private static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        String line = s.strip();
        return line.length() > max ? line.substring(0, max - 3) + "..." : line;
    }
}
