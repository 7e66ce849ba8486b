package codeclab.site;

import codeclab.core.Experiment;
import codeclab.site.svg.Html;

import java.util.List;

/** The blog's index: every experiment of a run, newest first, with its outcome and headline numbers. */
public final class BlogIndex {

    private BlogIndex() {
    }

    public static final String PATH = "blog/index.html";

    /** {@code newestFirst} must be ordered newest first (the store's natural order reversed). */
    public static String render(String runId, List<Experiment> newestFirst) {
        StringBuilder b = new StringBuilder("<h1>Experiments of run ").append(Html.esc(runId)).append("</h1>\n");
        if (newestFirst.isEmpty()) {
            b.append("<p class=\"muted\">No experiments yet. Start the loop with <code>codec-lab run</code>.</p>\n");
            return Page.html("Blog", "../", b.toString());
        }
        b.append("<p class=\"muted\">").append(newestFirst.size()).append(" posts, newest first.</p>\n<ul class=\"posts\">\n");
        for (Experiment e : newestFirst) {
            b.append("<li><a href=\"").append(Html.esc(e.experimentId())).append(".html\">").append(Html.esc(e.experimentId()))
                    .append("</a> · <span class=\"").append(e.completed() ? "good" : "bad").append("\">").append(e.status())
                    .append(e.outcome() == null || e.completed() ? "" : " " + e.outcome()).append("</span>");
            if (e.completed()) {
                b.append(" · BD-rate <span class=\"").append(Format.bdClass(e.bdRatePercent())).append("\">")
                        .append(Format.pct(e.bdRatePercent(), e.bdRateOverlapPercent())).append("</span> · ratio <span class=\"")
                        .append(Format.ratioClass(e.ratioToBaseline())).append("\">").append(Format.num(e.ratioToBaseline(), 3))
                        .append("</span>");
            }
            b.append("<br><span class=\"muted\">").append(Html.esc(abbreviate(e.hypothesis()))).append("</span></li>\n");
        }
        b.append("</ul>\n");
        return Page.html("Blog", "../", b.toString());
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 180 ? s.substring(0, 177) + "..." : s;
    }
}
