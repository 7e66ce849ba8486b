package codeclab.cli;

import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.MetricBdRate;

import java.util.List;
import java.util.Locale;

/** Prints BD-rates AWCY-style: one row per metric, each with the overlap behind it. */
final class BdRateTable {

    private BdRateTable() {
    }

    static void print(String title, List<MetricBdRate> rates) {
        System.out.println("  " + title);
        System.out.printf("    %-9s %9s %8s  %s%n", "METRIC", "BD-RATE", "OVERLAP", "NOTE");
        for (MetricBdRate b : rates) {
            System.out.printf(Locale.ROOT, "    %-9s %9s %8s  %s%n", b.metric().label(),
                    b.percent() == null ? "n/a" : String.format(Locale.ROOT, "%+.2f %%", b.percent()),
                    b.overlapPercent() == null ? "-" : String.format(Locale.ROOT, "%.0f %%", b.overlapPercent()),
                    b.note() == null ? "" : b.note());
        }
    }

    /** The experiment's table, then the rule behind it and where the clips came from. */
    static void printExperiment(Evaluation ev) {
        print("BD-rate vs x264 (mean over clips, defined only when every clip has one; overlap = the smallest clip's)", ev.bdRates());
        System.out.printf(Locale.ROOT, "  a clip's BD-rate needs its curve to share %.0f %% of x264's range on that metric%n", 100 * ev.minOverlap());
        if (ev.clips().stream().map(ClipEvaluation::source).anyMatch(s -> s != null && s.contains("H.264"))) {
            System.out.println("  note: the real clips are cuts of H.264-compressed films (Blender Foundation, CC-BY 3.0):"
                    + " quality is measured against the decoded H.264 frames");
        }
    }
}
