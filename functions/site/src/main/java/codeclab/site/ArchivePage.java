package codeclab.site;

import codeclab.site.svg.Html;

import java.time.Instant;
import java.util.List;

/** {@code archive.html}: purged runs, archived before deletion and restorable from their archive key. */
public final class ArchivePage {

    public static final String PATH = "archive.html";

    /**
     * One purged run. {@code archiveKey} is where the archive lives (bucket key or file), {@code link} an optional
     * URL to it relative to the site root (null when it is not published with the site).
     */
    public record ArchivedRun(String runId, Instant archivedAt, long items, String archiveKey, String link) {
    }

    private ArchivePage() {
    }

    public static String render(List<ArchivedRun> newestFirst) {
        return render(newestFirst, CliCommand.DEFAULT);
    }

    /** Each row carries the exact restore command, spelled with {@code cli} (launcher and --data/--stack). */
    public static String render(List<ArchivedRun> newestFirst, CliCommand cli) {
        StringBuilder b = new StringBuilder("<h1>Archive</h1>\n<p class=\"muted\">Runs purged with <code>")
                .append(Html.esc(cli.of("purge", "--run", "RUN", "--yes"))).append("</code>: archived first, then deleted;"
                        + " the command in each row brings one back exactly as it was.</p>\n");
        if (newestFirst.isEmpty()) {
            b.append("<p class=\"muted\">No archived runs.</p>\n");
            return Page.html("Archive", "", b.toString());
        }
        b.append("<table id=\"archive\"><thead><tr><th>run</th><th>archived</th><th>items</th><th>archive</th><th>restore with</th></tr></thead><tbody>\n");
        for (ArchivedRun r : newestFirst) {
            String key = "<code>" + Html.esc(r.archiveKey()) + "</code>";
            b.append("<tr><td>").append(Html.esc(r.runId())).append("</td><td>")
                    .append(Format.time(r.archivedAt())).append("</td><td>").append(r.items())
                    .append("</td><td>").append(r.link() == null ? key : "<a href=\"" + Html.esc(r.link()) + "\">" + key + "</a>")
                    .append("</td><td><code class=\"restore\">").append(Html.esc(cli.of("restore", r.archiveKey()))).append("</code></td></tr>\n");
        }
        b.append("</tbody></table>\n");
        return Page.html("Archive", "", b.toString());
    }
}
