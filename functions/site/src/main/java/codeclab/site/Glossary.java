package codeclab.site;

import codeclab.site.svg.Html;

import java.util.List;

/**
 * The words codec-lab prints, defined once: the monitor's verdicts and what to do about each, the two figures of
 * merit and their signs, and the counts. The CLI prints {@link #verdictAdvice}; the site renders {@link #render()}
 * as {@code glossary.html}; the README carries the same table.
 */
public final class Glossary {

    public static final String PATH = "glossary.html";

    /** A term, what it means, and what to do about it (empty when nothing). */
    public record Entry(String id, String term, String meaning, String whatToDo) {
    }

    public static final List<Entry> VERDICTS = List.of(
            new Entry("TOO_EARLY", "TOO_EARLY", "Not enough measured experiments yet to judge (the rules start at 5),"
                    + " or nothing decisive happened yet.", "Nothing: let it run longer (codec-lab run continues the run)."),
            new Entry("LET_IT_RUN", "LET_IT_RUN", "Healthy: results vary and the best improves on the run's own start.",
                    "Nothing: let it run, and read the best posts on the blog."),
            new Entry("FIX_CODE", "FIX_CODE", "A cause the loop will not fix by itself: the same failure keeps coming back"
                    + " (compile errors, crashes, timeouts, interruptions), the planner is unreachable or repeats itself, nothing"
                    + " completes, or the best does not improve on the start.",
                    "Read the errors section and the example post; fix the prompt, the template or codec-lab, or run monitor"
                            + " --feed-planner so the planner's next prompts include the reasons."),
            new Entry("PURGE_AND_RESTART", "PURGE_AND_RESTART", "The search is stuck (it drifted into slow code, or"
                    + " is no better than its own start after many measurements) and a fresh start from the seeds can help.",
                    "Read the reasons, then purge --run R --yes (it archives first), fresh-start and run again."),
            new Entry("NOT_JUDGED", "NOT_JUDGED", "The site was written before the monitor judged this run.",
                    "Run codec-lab monitor (or report) to judge it."));

    public static final List<Entry> FIGURES = List.of(
            new Entry("bd-rate", "BD-rate (PSNR-Y) vs x264", "The score that ranks experiments: the average bitrate difference"
                    + " to x264 (libx264, preset medium) at the same PSNR-Y over the overlapping quality range, in percent."
                    + " Negative = fewer bits than x264 for the same quality = better; -10 % saves a tenth of the bits;"
                    + " lower is better. Absent (—) when the curves do not overlap enough to compare.", ""),
            new Entry("ratio", "Ratio to x264 (bitrate at target)", "The second figure: the codec's bitrate at the target"
                    + " quality (38 dB PSNR-Y by default) divided by x264's on the same clips. x264 = 1.0; lower is better;"
                    + " 0.5 = half the bits. Absent when the codec never reaches the target quality on every clip.", ""),
            new Entry("beat-parent", "Beat its parent", "The experiment's BD-rate is lower than its parent's (the program it"
                    + " was derived from); the difference is in percentage points of BD-rate.", ""));

    public static final List<Entry> COUNTS = List.of(
            new Entry("planned", "planned", "Every experiment the planner produced, in any status.", ""),
            new Entry("in-flight", "in flight", "Not final yet: PLANNED, VALIDATED or EXECUTED. A run stopped by kill -9 leaves"
                    + " some; the next run marks them TIMED_OUT after --deadline.", ""),
            new Entry("completed", "completed", "Status COMPLETED: compiled, ran and was measured, whether or not it reaches"
                    + " the target quality or has a BD-rate.", ""),
            new Entry("measured", "measured", "Completed with a BD-rate: ranked by the score.", ""),
            new Entry("failed", "failed", "Finished without completing: INVALID (rejected before it ran: compile error,"
                    + " forbidden API, unusable planner answer), FAILED (crash, out of memory, bad output, internal error)"
                    + " or TIMED_OUT (a limit hit, stuck past its deadline, or INTERRUPTED by a second Ctrl-C).",
                    "Read the message on the experiment's post; repeated ones lead to FIX_CODE."));

    private Glossary() {
    }

    /** "TOO_EARLY means ...; what to do: ..." for a verdict name (unknown names get a pointer to the glossary). */
    public static String verdictAdvice(String verdict) {
        return VERDICTS.stream().filter(e -> e.id().equals(verdict)).findFirst()
                .map(e -> e.term() + ": " + e.meaning() + " What to do: " + e.whatToDo())
                .orElse(verdict + ": see the glossary page of the site");
    }

    public static String render() {
        StringBuilder b = new StringBuilder("<h1>Glossary</h1>\n<p class=\"muted\">What the dashboard, the blog and"
                + " <code>codec-lab</code> mean by their words and numbers.</p>\n");
        section(b, "Verdicts of the monitor", "verdicts", VERDICTS, true);
        section(b, "Figures", "figures", FIGURES, false);
        section(b, "Counts", "counts", COUNTS, true);
        return Page.html("Glossary", "", b.toString());
    }

    private static void section(StringBuilder b, String title, String id, List<Entry> entries, boolean withTodo) {
        b.append("<h2 id=\"").append(id).append("\">").append(Html.esc(title)).append("</h2>\n<dl class=\"glossary\">\n");
        for (Entry e : entries) {
            b.append("<dt id=\"").append(Html.esc(e.id())).append("\">").append(Html.esc(e.term())).append("</dt><dd>")
                    .append(Html.esc(e.meaning()));
            if (withTodo && !e.whatToDo().isEmpty()) {
                b.append("<br><strong>What to do:</strong> ").append(Html.esc(e.whatToDo()));
            }
            b.append("</dd>\n");
        }
        b.append("</dl>\n");
    }
}
