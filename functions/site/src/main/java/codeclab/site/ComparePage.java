package codeclab.site;

import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.RdPoint;
import codeclab.site.svg.Html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Two or three experiments side by side ({@code blog/compare-A-vs-B[-vs-C].html}): their numbers in one table (the
 * best of each row marked), their RD curves overlaid per clip with x264's, and the code diff from the first to each
 * other. The site writes one for every experiment and its parent, and one for the run's best three.
 */
public final class ComparePage {

    /** One experiment with its source and evaluation (either may be null). */
    public record Item(Experiment experiment, String source, Evaluation evaluation) {
    }

    /** One row of the side-by-side table: a label, the cell per item, and a value to mark the best (lower wins), or null. */
    record Metric(String label, Function<Item, String> cell, Function<Item, Double> lowerIsBetter) {
    }

    static final List<Metric> METRICS = List.of(
            new Metric("outcome", i -> Html.esc(BlogIndex.outcomeText(i.experiment())), null),
            new Metric("planned", i -> Format.time(i.experiment().createdAt()), null),
            new Metric("planner", i -> Html.esc(i.experiment().planner()), null),
            new Metric("parent", i -> i.experiment().parentId() == null ? "—"
                    : "<a href=\"" + Html.esc(i.experiment().parentId()) + ".html\">" + Html.esc(i.experiment().parentId()) + "</a>", null),
            new Metric("hypothesis", i -> Html.esc(i.experiment().hypothesis()), null),
            new Metric("BD-rate PSNR-Y vs x264 (lower is better)", i -> Format.pct(i.experiment().bdRatePercent()),
                    i -> i.experiment().bdRatePercent()),
            new Metric("kbps at target", i -> Format.num(i.experiment().bitrateAtTargetKbps(), 1), i -> i.experiment().bitrateAtTargetKbps()),
            new Metric("ratio to x264 (x264 = 1.0)", i -> Format.num(i.experiment().ratioToBaseline(), 3), i -> i.experiment().ratioToBaseline()),
            new Metric("encode fps", i -> i.evaluation() == null ? "—" : Format.num(i.evaluation().encodeFps(), 1),
                    i -> i.evaluation() == null ? null : -i.evaluation().encodeFps()),
            new Metric("decode fps", i -> i.evaluation() == null ? "—" : Format.num(i.evaluation().decodeFps(), 1),
                    i -> i.evaluation() == null ? null : -i.evaluation().decodeFps()),
            new Metric("planner cost", i -> String.format(Locale.ROOT, "$%.4f", i.experiment().costUsd()), null));

    private ComparePage() {
    }

    /** The file name next to the posts (in {@code blog/}). */
    public static String fileName(List<String> experimentIds) {
        return "compare-" + String.join("-vs-", experimentIds) + ".html";
    }

    public static String path(List<String> experimentIds) {
        return "blog/" + fileName(experimentIds);
    }

    public static String render(List<Item> items) {
        if (items.size() < 2 || items.size() > 3) {
            throw new IllegalArgumentException("a comparison takes two or three experiments, got " + items.size());
        }
        StringBuilder b = new StringBuilder("<h1>Compare ").append(items.size()).append(" experiments</h1>\n<p class=\"muted\">");
        for (int k = 0; k < items.size(); k++) {
            String id = items.get(k).experiment().experimentId();
            b.append(k == 0 ? "" : " · ").append(label(k)).append(" = <a href=\"").append(Html.esc(id)).append(".html\">")
                    .append(Html.esc(id)).append("</a>");
        }
        b.append(" · <a href=\"index.html\">all experiments</a> · <a href=\"../glossary.html\">glossary</a></p>\n");
        table(b, items);
        curves(b, items);
        diffs(b, items);
        return Page.html("Compare " + items.stream().map(i -> i.experiment().experimentId()).reduce((x, y) -> x + " vs " + y).orElse(""),
                "../", b.toString());
    }

    static String label(int k) {
        return String.valueOf((char) ('A' + k));
    }

    private static void table(StringBuilder b, List<Item> items) {
        b.append("<h2>Numbers</h2>\n<table id=\"compare-table\" class=\"compare\"><thead><tr><th></th>");
        for (int k = 0; k < items.size(); k++) {
            b.append("<th>").append(label(k)).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (Metric m : METRICS) {
            Double best = null;
            if (m.lowerIsBetter() != null) {
                best = items.stream().map(m.lowerIsBetter()).filter(v -> v != null && !v.isNaN()).min(Double::compare).orElse(null);
            }
            b.append("<tr><th scope=\"row\">").append(Html.esc(m.label())).append("</th>");
            for (Item i : items) {
                Double v = m.lowerIsBetter() == null ? null : m.lowerIsBetter().apply(i);
                boolean wins = best != null && v != null && v.equals(best) && items.size() > 1;
                b.append("<td").append(wins ? " class=\"best\"" : "").append(">").append(m.cell().apply(i)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    /** Per clip (by name, in the first item's order): every item's curve and x264's in one chart, and the per-clip BD-rates. */
    private static void curves(StringBuilder b, List<Item> items) {
        Map<String, List<ClipEvaluation>> byClip = new LinkedHashMap<>();
        for (int k = 0; k < items.size(); k++) {
            Evaluation ev = items.get(k).evaluation();
            if (ev == null) {
                continue;
            }
            for (ClipEvaluation c : ev.clips()) {
                List<ClipEvaluation> row = byClip.computeIfAbsent(c.clipId(), x -> new ArrayList<>(java.util.Collections.nCopies(items.size(), null)));
                row.set(k, c);
            }
        }
        b.append("<h2>Rate–distortion per clip</h2>\n");
        if (byClip.isEmpty()) {
            b.append("<p class=\"muted\">None of these experiments was measured.</p>\n");
            return;
        }
        b.append("<div class=\"rd-grid\">\n");
        int n = 0;
        for (var e : byClip.entrySet()) {
            List<List<RdPoint>> pts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<RdPoint> baseline = List.of();
            StringBuilder bd = new StringBuilder("<p class=\"muted\">BD-rate on this clip: ");
            for (int k = 0; k < items.size(); k++) {
                ClipEvaluation c = e.getValue().get(k);
                bd.append(k == 0 ? "" : " · ").append(label(k)).append(' ').append(c == null ? "not measured" : Format.pct(c.bdRatePercent()));
                if (c != null) {
                    pts.add(c.points());
                    names.add(label(k));
                    if (baseline.isEmpty()) {
                        baseline = c.baseline();
                    }
                }
            }
            b.append("<div class=\"rd\">").append(ExperimentPage.rdChart(pts, names, baseline, e.getKey(), "cmp-rd-" + n++))
                    .append(bd).append("</p></div>\n");
        }
        b.append("</div>\n");
    }

    private static void diffs(StringBuilder b, List<Item> items) {
        String first = items.get(0).source();
        for (int k = 1; k < items.size(); k++) {
            String other = items.get(k).source();
            b.append("<h2>Code: ").append(label(0)).append(" → ").append(label(k)).append("</h2>\n");
            if (first == null || other == null) {
                b.append("<p class=\"muted\">No source to compare (an experiment without code).</p>\n");
            } else if (first.equals(other)) {
                b.append("<p class=\"muted\">Identical source.</p>\n");
            } else {
                b.append(ExperimentPage.diff(first, other));
            }
        }
    }
}
