package codeclab.site;

import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.RdPoint;
import codeclab.site.svg.Axis;
import codeclab.site.svg.Html;
import codeclab.site.svg.LineChart;

import java.util.ArrayList;
import java.util.List;

/**
 * One blog post: an experiment with its hypothesis, parent and diff, outcome, RD curves against
 * x264 per clip, BD-rate, speed, errors, cost and full source. Lives at {@code blog/<id>.html}.
 */
public final class ExperimentPage {

    /**
     * Everything a post shows; {@code evaluation}, sources, neighbours and {@code plannerTrace} (the planner's trace
     * JSON, LLM planners only) may be null.
     */
    public record Input(Experiment experiment, String source, Experiment parent, String parentSource,
                        Evaluation evaluation, Experiment newer, Experiment older, String plannerTrace) {

        public Input(Experiment experiment, String source, Experiment parent, String parentSource,
                     Evaluation evaluation, Experiment newer, Experiment older) {
            this(experiment, source, parent, parentSource, evaluation, newer, older, null);
        }
    }

    private ExperimentPage() {
    }

    public static String path(String experimentId) {
        return "blog/" + experimentId + ".html";
    }

    /** Where the planner's trace (every model call, raw answers, usage, decisions) sits next to the post. */
    public static String plannerPath(String experimentId) {
        return "blog/" + experimentId + ".planner.json";
    }

    /** Where the raw numbers (experiment record and full evaluation as JSON) sit next to the post. */
    public static String rawPath(String experimentId) {
        return "blog/" + experimentId + ".json";
    }

    public static String render(Input in) {
        Experiment e = in.experiment();
        StringBuilder b = new StringBuilder();
        b.append("<h1>Experiment ").append(Html.esc(e.experimentId())).append("</h1>\n");
        b.append("<p class=\"muted\">Run ").append(Html.esc(e.runId())).append(" · planned ").append(Format.time(e.createdAt()))
                .append(e.finishedAt() == null || e.createdAt() == null ? ""
                        : " · took " + Format.duration(java.time.Duration.between(e.createdAt(), e.finishedAt())))
                .append(" · ").append(Html.esc(e.planner())).append("</p>\n");
        b.append("<p><strong>Hypothesis:</strong> ").append(Html.esc(e.hypothesis() == null ? "(none given)" : e.hypothesis())).append("</p>\n");
        if (in.parent() != null) {
            b.append("<p>Parent: <a href=\"").append(Html.esc(in.parent().experimentId())).append(".html\">")
                    .append(Html.esc(in.parent().experimentId())).append("</a> · <a class=\"compare\" href=\"")
                    .append(Html.esc(ComparePage.fileName(List.of(in.parent().experimentId(), e.experimentId()))))
                    .append("\">compare with the parent</a></p>\n");
            b.append(againstParent(e, in.parent()));
        } else if (e.parentId() != null) {
            b.append("<p>Parent: ").append(Html.esc(e.parentId())).append(" (not in this run)</p>\n");
        }
        b.append("<div class=\"cards\">\n");
        card(b, "Status", e.status() + (e.outcome() == null ? "" : " / " + e.outcome()), "");
        card(b, "BD-rate vs x264 (PSNR-Y)", in.evaluation() == null ? Format.pct(e.bdRatePercent())
                : Format.bd(in.evaluation().bdRate(codeclab.core.QualityMetric.PSNR_Y)), Format.bdClass(e.bdRatePercent()));
        card(b, "Bitrate at target", Format.num(e.bitrateAtTargetKbps(), 1) + " kbps", "");
        card(b, "Ratio to x264 at target", Format.num(e.ratioToBaseline(), 3), Format.ratioClass(e.ratioToBaseline()));
        if (e.holdoutBdRatePercent() != null || e.holdoutRatio() != null) {
            // Only candidates for the run's best are measured on the held-out clips, which the planner never sees.
            card(b, Boolean.TRUE.equals(e.holdoutConfirmed()) ? "Held-out clips: confirmed on held-out clips"
                            : "Held-out clips: not confirmed",
                    "BD-rate " + Format.pct(e.holdoutBdRatePercent())
                            + (e.holdoutBdRatePercent() == null ? "" : " (overlap ≥ 75 % on every clip)")
                            + ", ratio " + Format.num(e.holdoutRatio(), 3),
                    Format.ratioClass(e.holdoutRatio()));
        }
        if (in.evaluation() != null) {
            card(b, "Encode / decode", Format.num(in.evaluation().encodeFps(), 1) + " / " + Format.num(in.evaluation().decodeFps(), 1) + " fps", "");
        }
        card(b, "Planner cost", String.format(java.util.Locale.ROOT, "$%.4f", e.costUsd())
                + (e.inputTokens() + e.outputTokens() == 0 ? "" : String.format(java.util.Locale.ROOT, " · %,d in / %,d out tokens",
                e.inputTokens(), e.outputTokens())), "");
        b.append("</div>\n");
        b.append("<p><a class=\"raw\" href=\"").append(Html.esc(e.experimentId())).append(".json\">Raw numbers (JSON)</a>: ")
                .append("the store record and every RD point of every clip.</p>\n");
        if (in.plannerTrace() != null) {
            PlannerSection.render(b, e, in.plannerTrace());
        }
        if (e.message() != null && !e.message().isBlank()) {
            b.append("<h2>").append(e.outcome() == codeclab.core.OutcomeKind.OK ? "Notes" : "Errors").append("</h2>\n<pre>")
                    .append(Html.esc(e.message())).append("</pre>\n");
        }
        if (in.evaluation() != null && in.evaluation().codecSize() != null) {
            codeclab.core.CodecSize size = in.evaluation().codecSize();
            // Bits in the codec are bits the stream did not carry: its size is part of the result (CLIC counts it too).
            b.append("<h2>Codec size</h2>\n<p>").append(size.classFileBytes()).append(" bytes of class files, of which ")
                    .append(size.literalDataBytes()).append(" bytes of literal data (string, number and array constants),")
                    .append(" measured at validate; content typed into the code is refused past a limit.</p>\n");
        }
        if (in.evaluation() != null) {
            b.append("<h2>BD-rate vs x264</h2>\n");
            b.append(bdRateTable(in.evaluation().bdRates()));
            b.append("<p class=\"muted\">Mean of the clips' BD-rates, defined only when every clip has one; the overlap is the")
                    .append(" smallest clip's share of x264's range on that metric. A clip's BD-rate needs ")
                    .append(Format.num(100 * in.evaluation().minOverlap(), 0)).append(" % overlap.")
                    .append(in.evaluation().clips().stream().map(ClipEvaluation::source)
                            .anyMatch(s -> s != null && s.contains("H.264"))
                            ? " The real clips are cuts of H.264-compressed films (Blender Foundation, CC-BY 3.0): quality is"
                            + " measured against the decoded H.264 frames." : "")
                    .append("</p>\n");
            int n = 0;
            for (ClipEvaluation c : in.evaluation().clips()) {
                rdSection(b, c, in.evaluation().targetPsnrY(), "rd" + n++);
            }
        } else if (e.completed()) {
            b.append("<p class=\"warn\">The evaluation artifact is missing.</p>\n");
        }
        if (in.source() != null && in.parentSource() != null) {
            b.append("<h2>Diff against the parent</h2>\n").append(diff(in.parentSource(), in.source()));
        }
        if (in.source() != null) {
            b.append("<h2>Source</h2>\n<pre><code>").append(Html.esc(in.source())).append("</code></pre>\n");
        }
        b.append("<nav class=\"pager\">")
                .append(in.newer() == null ? "<span></span>" : "<a rel=\"prev\" href=\"" + Html.esc(in.newer().experimentId()) + ".html\">← newer</a>")
                .append("<a href=\"index.html\">all posts</a>")
                .append(in.older() == null ? "<span></span>" : "<a rel=\"next\" href=\"" + Html.esc(in.older().experimentId()) + ".html\">older →</a>")
                .append("</nav>\n");
        return Page.html("Experiment " + e.experimentId(), "../", b.toString());
    }

    /** Whether the hypothesis held: did this experiment's BD-rate beat its parent's, and by how much. */
    static String againstParent(Experiment e, Experiment parent) {
        Double mine = e.bdRatePercent();
        Double theirs = parent.bdRatePercent();
        String verdict;
        String cls;
        if (mine == null || mine.isNaN()) {
            verdict = "Cannot tell whether it beat its parent: this experiment has no BD-rate"
                    + (e.completed() ? " (not measurable against x264)." : " (" + e.status() + ").");
            cls = "muted";
        } else if (theirs == null || theirs.isNaN()) {
            verdict = "Cannot tell whether it beat its parent: the parent has no BD-rate.";
            cls = "muted";
        } else {
            double d = mine - theirs;
            verdict = (d < 0 ? "Beat its parent" : d > 0 ? "Did not beat its parent" : "Tied with its parent") + ": BD-rate "
                    + Format.pct(mine) + " against " + Format.pct(theirs) + ", " + Format.bdDelta(d) + ".";
            cls = d < 0 ? "good" : d > 0 ? "bad" : "";
        }
        return "<p id=\"against-parent\" class=\"" + cls + "\">" + Html.esc(verdict) + "</p>\n";
    }

    /** A unified diff from {@code before} to {@code after}, three lines of context, as a pre block. */
    static String diff(String before, String after) {
        StringBuilder b = new StringBuilder("<pre class=\"diff\">");
        for (LineDiff.Line l : LineDiff.diff(before, after, 3)) {
            String cls = switch (l.op()) {
                case '+' -> "add";
                case '-' -> "del";
                case '@' -> "hunk";
                default -> "";
            };
            b.append(cls.isEmpty() ? "" : "<span class=\"" + cls + "\">").append(l.op() == '@' ? "" : l.op() + " ")
                    .append(Html.esc(l.text())).append(cls.isEmpty() ? "\n" : "</span>");
        }
        return b.append("</pre>\n").toString();
    }

    private static void card(StringBuilder b, String key, String value, String cls) {
        b.append("<div class=\"card\"><div class=\"k\">").append(Html.esc(key)).append("</div><div class=\"v ").append(cls)
                .append("\">").append(Html.esc(value)).append("</div></div>\n");
    }

    private static void rdSection(StringBuilder b, ClipEvaluation c, double target, String id) {
        b.append("<h2>Clip ").append(Html.esc(c.clipId())).append(" <span class=\"muted\">").append(c.width()).append('x')
                .append(c.height()).append(", ").append(c.frames()).append(" frames</span></h2>\n");
        if (c.source() != null) {
            b.append("<p class=\"muted\">").append(Html.esc(c.source())).append("</p>\n");
        }
        b.append(bdRateTable(c.bdRates()));
        b.append("<p>At PSNR-Y ").append(Format.num(target, 1)).append(" dB: ")
                .append(Format.num(c.bitrateAtTargetKbps(), 1)).append(" kbps vs x264 ")
                .append(Format.num(c.baselineBitrateAtTargetKbps(), 1)).append(" kbps</p>\n");
        b.append(rdChart(List.of(c.points()), List.of("candidate"), c.baseline(), c.clipId(), id));
        b.append(rdTable("Candidate", c.points(), "quality"));
        b.append(rdTable("x264 (preset medium)", c.baseline(), "CRF"));
    }

    /** One row per metric: BD-rate, the overlap behind it, and why it is missing. */
    static String bdRateTable(List<codeclab.core.MetricBdRate> rates) {
        StringBuilder t = new StringBuilder("<table class=\"bd\"><thead><tr><th>metric</th><th>BD-rate</th><th>overlap</th>"
                + "<th>note</th></tr></thead><tbody>\n");
        for (codeclab.core.MetricBdRate r : rates) {
            t.append("<tr><td>").append(Html.esc(r.metric().label())).append("</td><td class=\"")
                    .append(Format.bdClass(r.percent())).append("\">").append(Format.pct(r.percent())).append("</td><td>")
                    .append(r.overlapPercent() == null ? "—" : Format.num(r.overlapPercent(), 0) + " %").append("</td><td>")
                    .append(r.note() == null ? "" : Html.esc(r.note())).append("</td></tr>\n");
        }
        return t.append("</tbody></table>\n").toString();
    }

    /** An RD chart (bitrate on a log axis, PSNR-Y) of some curves against the x264 curve. */
    static String rdChart(List<List<RdPoint>> curves, List<String> names, List<RdPoint> baseline, String clip, String id) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<LineChart.Series> series = new ArrayList<>();
        String[] colours = {"#cf222e", "#0550ae", "#1a7f37", "#8250df", "#bc4c00"};
        for (int k = 0; k < curves.size(); k++) {
            List<LineChart.Point> pts = curves.get(k).stream().filter(p -> p.bitrateKbps() > 0 && Double.isFinite(p.psnrY()))
                    .map(p -> new LineChart.Point(p.bitrateKbps(), p.psnrY(), null,
                            String.format(java.util.Locale.ROOT, "%.1f kbps, %.2f dB", p.bitrateKbps(), p.psnrY()))).toList();
            pts.forEach(p -> {
                xs.add(p.x());
                ys.add(p.y());
            });
            series.add(LineChart.Series.line(names.get(k), pts, colours[k % colours.length]));
        }
        List<LineChart.Point> base = baseline.stream().filter(p -> p.bitrateKbps() > 0 && Double.isFinite(p.psnrY()))
                .map(p -> LineChart.Point.of(p.bitrateKbps(), p.psnrY())).toList();
        base.forEach(p -> {
            xs.add(p.x());
            ys.add(p.y());
        });
        series.add(LineChart.Series.dashed("x264", base, "#57606a"));
        if (xs.isEmpty()) {
            return "<p class=\"muted\">No RD points to draw.</p>\n";
        }
        LineChart chart = new LineChart("Rate–distortion on " + clip,
                "PSNR-Y in dB against bitrate in kbps (log scale) for " + String.join(", ", names)
                        + " and the x264 baseline; higher and further left is better.",
                Axis.covering("bitrate (kbps, log)", xs, true), Axis.covering("PSNR-Y (dB)", ys, false), series, List.of());
        return chart.render(id);
    }

    private static String rdTable(String title, List<RdPoint> points, String knob) {
        StringBuilder b = new StringBuilder("<table><caption>").append(Html.esc(title)).append("</caption><thead><tr><th>")
                .append(knob).append("</th><th>bytes</th><th>kbps</th><th>PSNR-Y</th><th>PSNR-YUV</th><th>SSIM-Y</th><th>enc s</th><th>dec s</th></tr></thead><tbody>\n");
        for (RdPoint p : points) {
            b.append("<tr><td>").append(Format.num(p.quality(), 0)).append("</td><td>").append(p.bytes()).append("</td><td>")
                    .append(Format.num(p.bitrateKbps(), 1)).append("</td><td>").append(Format.num(p.psnrY(), 2)).append("</td><td>")
                    .append(Format.num(p.psnrYuv(), 2)).append("</td><td>").append(Format.num(p.ssimY(), 4)).append("</td><td>")
                    .append(Format.num(p.encodeSeconds(), 2)).append("</td><td>").append(Format.num(p.decodeSeconds(), 2)).append("</td></tr>\n");
        }
        return b.append("</tbody></table>\n").toString();
    }
}
