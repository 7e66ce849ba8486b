package codeclab.site;

import codeclab.site.svg.Html;

import java.time.Instant;
import java.util.List;

/** {@code runs.html}: every run, newest first, with its headline numbers and verdict. */
public final class RunListPage {

    public static final String PATH = "runs.html";

    /**
     * One run. {@code bestRatio}, {@code verdict}, {@code severity} and {@code link} may be null (not measured,
     * not judged, no page of its own); {@code link} is relative to the site root.
     */
    public record Row(String runId, Instant startedAt, long experiments, long completed, Double bestRatio,
                      String verdict, DashboardInput.Severity severity, String link, boolean current) {
    }

    private RunListPage() {
    }

    public static String render(List<Row> newestFirst) {
        StringBuilder b = new StringBuilder("<h1>Runs</h1>\n");
        if (newestFirst.isEmpty()) {
            b.append("<p class=\"muted\">No runs yet. Start one with <code>codec-lab run</code>.</p>\n");
            return Page.html("Runs", "", b.toString());
        }
        b.append("<table id=\"runs\"><thead><tr><th>run</th><th>started</th><th>experiments</th><th>completed</th>")
                .append("<th>best ratio</th><th>verdict</th></tr></thead><tbody>\n");
        // "completed" is RunCounts' definition: status COMPLETED, whatever its numbers (see the glossary).
        for (Row r : newestFirst) {
            String name = Html.esc(r.runId()) + (r.current() ? " <span class=\"muted\">(current)</span>" : "");
            b.append("<tr><td>").append(r.link() == null ? name : "<a href=\"" + Html.esc(r.link()) + "\">" + name + "</a>")
                    .append("</td><td>").append(Format.time(r.startedAt())).append("</td><td>")
                    .append(r.experiments()).append("</td><td>").append(r.completed()).append("</td><td class=\"")
                    .append(Format.ratioClass(r.bestRatio())).append("\">").append(Format.num(r.bestRatio(), 3)).append("</td><td>")
                    .append(r.verdict() == null ? "—" : "<span class=\"verdict sev-" + (r.severity() == null ? "INFO" : r.severity())
                            + "\">" + Html.esc(r.verdict()) + "</span>")
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n<p class=\"muted\">Purged runs are on the <a href=\"archive.html\">archive</a> page.</p>\n");
        return Page.html("Runs", "", b.toString());
    }
}
