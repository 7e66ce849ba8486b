package codeclab.site;

import codeclab.core.Experiment;
import codeclab.site.svg.Html;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The blog's index as an experiment tracker: every experiment of a run in one table, newest first, with its
 * parameters and numbers. A few lines of inline script sort by any column and filter by text and outcome; without
 * script the table reads the same, newest first. Columns are data ({@link #COLUMNS}): a new figure is one more entry.
 */
public final class BlogIndex {

    private BlogIndex() {
    }

    public static final String PATH = "blog/index.html";

    /**
     * One column: its header, a tooltip, the cell's HTML and the value it sorts by (a number for numeric columns; an
     * absent value sorts last either way). {@code sortValue} null: the cell's text is the sort value (smaller pages).
     */
    record Column(String header, String title, boolean numeric, Function<Row, String> cell, Function<Row, Object> sortValue) {
    }

    /** An experiment and what its row needs besides its own fields. */
    record Row(Experiment e, Experiment parent) {
    }

    static final List<Column> COLUMNS = List.of(
            new Column("experiment", "experiment id (time-sortable); click for its post", false,
                    r -> "<a href=\"" + Html.esc(r.e().experimentId()) + ".html\">" + Html.esc(r.e().experimentId()) + "</a>", null),
            new Column("planned", "when it was planned (UTC)", false, r -> Format.time(r.e().createdAt()),
                    r -> r.e().createdAt() == null ? null : r.e().createdAt().toString()),
            new Column("planner", "planner and version", false, r -> Html.esc(r.e().planner()), null),
            new Column("parent", "the program it was derived from", false, BlogIndex::parentCell, r -> r.e().parentId()),
            new Column("hypothesis", "the planner's hypothesis", false,
                    r -> "<span class=\"hyp\">" + Html.esc(abbreviate(r.e().hypothesis())) + "</span>", null),
            new Column("BD-rate PSNR-Y", "BD-rate vs x264 on PSNR-Y, percent: negative = fewer bits = better (the score)", true,
                    r -> "<span class=\"" + Format.bdClass(r.e().bdRatePercent()) + "\">" + Format.pct(r.e().bdRatePercent(), r.e().bdRateOverlapPercent()) + "</span>",
                    r -> r.e().bdRatePercent()),
            new Column("vs parent", "BD-rate change against the parent, percentage points (negative = beat it)", true,
                    BlogIndex::parentDeltaCell, r -> parentDelta(r)),
            new Column("kbps @ target", "bitrate at the target PSNR-Y", true, r -> Format.num(r.e().bitrateAtTargetKbps(), 1),
                    r -> r.e().bitrateAtTargetKbps()),
            new Column("ratio", "bitrate at target / x264's (x264 = 1.0, lower is better)", true,
                    r -> "<span class=\"" + Format.ratioClass(r.e().ratioToBaseline()) + "\">" + Format.num(r.e().ratioToBaseline(), 3) + "</span>",
                    r -> r.e().ratioToBaseline()),
            new Column("outcome", "final status and outcome", false, BlogIndex::outcomeCell, null),
            new Column("cost", "planner cost in USD", true, r -> String.format(Locale.ROOT, "$%.4f", r.e().costUsd()), r -> r.e().costUsd()));

    /** {@code newestFirst} must be ordered newest first (the store's natural order reversed). */
    public static String render(String runId, List<Experiment> newestFirst) {
        return render(runId, newestFirst, CliCommand.DEFAULT);
    }

    /** {@code cli} spells the command that writes a compare page for any two or three experiments. */
    public static String render(String runId, List<Experiment> newestFirst, CliCommand cli) {
        StringBuilder b = new StringBuilder("<h1>Experiments of run ").append(Html.esc(runId)).append("</h1>\n");
        if (newestFirst.isEmpty()) {
            b.append("<p class=\"muted\">No experiments yet. Start the loop with <code>codec-lab run</code>.</p>\n");
            return Page.html("Experiments", "../", b.toString());
        }
        java.util.Map<String, Experiment> byId = new java.util.HashMap<>();
        newestFirst.forEach(e -> byId.put(e.experimentId(), e));
        codeclab.core.RunCounts counts = codeclab.core.RunCounts.of(newestFirst);
        b.append("<p class=\"muted\" id=\"counts\">").append(Html.esc(counts.describe())).append(". Newest first. BD-rate: negative = fewer bits than x264 = better; ratio: x264 = 1.0, lower is better"
                        + " (<a href=\"../glossary.html\">glossary</a>).");
        List<Experiment> best = newestFirst.stream().filter(e -> e.bdRatePercent() != null && !e.bdRatePercent().isNaN())
                .sorted(Comparator.comparingDouble(Experiment::bdRatePercent)).limit(3).toList();
        if (best.size() >= 2) {
            b.append(" <a id=\"compare-best\" href=\"").append(Html.esc(ComparePage.fileName(best.stream().map(Experiment::experimentId).toList())))
                    .append("\">Compare the best ").append(best.size()).append("</a>.");
        }
        b.append(" Compare any two or three: <code>").append(Html.esc(cli.of("report", "--compare", "A,B"))).append("</code>.</p>\n");
        b.append("<form id=\"filters\" class=\"filters\" hidden><label>Filter <input id=\"filter-text\" type=\"search\" placeholder=\"id, planner, hypothesis...\"></label>"
                + " <label>Outcome <select id=\"filter-outcome\"><option value=\"\">any</option>");
        newestFirst.stream().map(BlogIndex::outcomeText).distinct().sorted().forEach(o ->
                b.append("<option>").append(Html.esc(o)).append("</option>"));
        b.append("</select></label> <span id=\"shown\" class=\"muted\"></span></form>\n");
        b.append("<table id=\"experiments\" class=\"tracker\"><thead><tr>");
        for (Column c : COLUMNS) {
            b.append("<th scope=\"col\" title=\"").append(Html.esc(c.title())).append("\"").append(c.numeric() ? " data-numeric" : "")
                    .append(">").append(Html.esc(c.header())).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (Experiment e : newestFirst) {
            Row r = new Row(e, e.parentId() == null ? null : byId.get(e.parentId()));
            b.append("<tr data-outcome=\"").append(Html.esc(outcomeText(e))).append("\">");
            for (Column c : COLUMNS) {
                Object v = c.sortValue() == null ? null : c.sortValue().apply(r);
                b.append("<td").append(v == null ? "" : " data-v=\"" + Html.esc(sortText(v)) + "\"").append(">")
                        .append(c.cell().apply(r)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n").append(SCRIPT);
        return Page.html("Experiments", "../", b.toString());
    }

    /**
     * Sorting and filtering; the table is complete and ordered without it. The site's Content-Security-Policy allows
     * this one script by its hash ({@link #SCRIPT_CSP_SOURCE}) and nothing else.
     */
    static final String SCRIPT_BODY = """
            (function(){
              var t=document.getElementById('experiments'),tb=t.tBodies[0],f=document.getElementById('filters');
              var text=document.getElementById('filter-text'),out=document.getElementById('filter-outcome'),shown=document.getElementById('shown');
              f.hidden=false;
              function apply(){var q=text.value.toLowerCase(),o=out.value,n=0;
                Array.prototype.forEach.call(tb.rows,function(r){var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&(!o||r.dataset.outcome===o);
                  r.hidden=!ok;if(ok)n++;});shown.textContent=n+' of '+tb.rows.length+' shown';}
              text.addEventListener('input',apply);out.addEventListener('change',apply);
              Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,i){
                th.tabIndex=0;th.classList.add('sortable');
                function sort(){var asc=th.getAttribute('aria-sort')!=='ascending',num=th.hasAttribute('data-numeric');
                  Array.prototype.forEach.call(t.tHead.rows[0].cells,function(h){h.removeAttribute('aria-sort');});
                  th.setAttribute('aria-sort',asc?'ascending':'descending');
                  var rows=Array.prototype.slice.call(tb.rows);
                  var byText=!t.tBodies[0].querySelector('td:nth-child('+(i+1)+')[data-v]')&&!num;
                  function v(r){var c=r.cells[i];return byText?c.textContent:c.dataset.v;}
                  rows.sort(function(a,b){var x=v(a),y=v(b);
                    if(x===undefined)return y===undefined?0:1;if(y===undefined)return -1;
                    var c=num?parseFloat(x)-parseFloat(y):x.localeCompare(y);return asc?c:-c;});
                  rows.forEach(function(r){tb.appendChild(r);});}
                th.addEventListener('click',sort);th.addEventListener('keydown',function(ev){if(ev.key==='Enter')sort();});});
              apply();
            })();
            """;

    static final String SCRIPT = "<script>" + SCRIPT_BODY + "</script>\n";

    /** The CSP source that allows the table's script and no other: {@code 'sha256-<base64>'}. */
    public static final String SCRIPT_CSP_SOURCE = "'sha256-" + sha256(SCRIPT_BODY) + "'";

    private static String sha256(String s) {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Columns sorted by their text carry no data-v. */
    private static String sortText(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.6f", d) : v.toString();
    }

    static String outcomeText(Experiment e) {
        return e.outcome() == null ? String.valueOf(e.status()) : e.completed() ? "COMPLETED" : e.status() + " " + e.outcome();
    }

    private static String outcomeCell(Row r) {
        return "<span class=\"" + (r.e().completed() ? "good" : r.e().status() != null && r.e().status().isFinal() ? "bad" : "muted")
                + "\">" + Html.esc(outcomeText(r.e())) + "</span>";
    }

    private static String parentCell(Row r) {
        String id = r.e().parentId();
        if (id == null) {
            return "—";
        }
        String shortId = Html.esc(id.length() > 8 ? "…" + id.substring(id.length() - 6) : id);
        return r.parent() == null ? "<span title=\"" + Html.esc(id) + " (not in this run)\">" + shortId + "</span>"
                : "<a href=\"" + Html.esc(id) + ".html\" title=\"" + Html.esc(id) + "\">" + shortId + "</a>";
    }

    /** This experiment's BD-rate minus its parent's (negative: it beat the parent), or null when either is unknown. */
    static Double parentDelta(Row r) {
        Double mine = r.e().bdRatePercent();
        Double theirs = r.parent() == null ? null : r.parent().bdRatePercent();
        return mine == null || theirs == null || mine.isNaN() || theirs.isNaN() ? null : mine - theirs;
    }

    private static String parentDeltaCell(Row r) {
        Double d = parentDelta(r);
        if (d == null) {
            return "—";
        }
        String link = "<a href=\"" + Html.esc(ComparePage.fileName(List.of(Objects.requireNonNull(r.parent()).experimentId(),
                r.e().experimentId()))) + "\" title=\"compare with the parent\">";
        return link + "<span class=\"" + (d < 0 ? "good" : d > 0 ? "bad" : "") + "\">" + String.format(Locale.ROOT, "%+.2f", d) + "</span></a>";
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 100 ? s.substring(0, 97) + "..." : s;
    }
}
