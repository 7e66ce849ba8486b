package codeclab.cli;

import codeclab.core.Experiment;
import codeclab.store.NotFoundException;
import codeclab.store.RunSummary;

import java.util.List;

/** Finding a run or an experiment the user named, with errors that say which exist and what to type instead. */
final class RunLookup {

    private RunLookup() {
    }

    /** The run, or a {@link UserError} naming the runs there are (or how to start one). */
    static RunSummary run(Backend b, BackendOptions options, String runId) {
        try {
            return b.experiments().getRun(runId);
        } catch (NotFoundException e) {
            List<String> runs = b.experiments().listRuns().stream().map(RunSummary::runId).toList();
            if (runs.isEmpty()) {
                throw new UserError("no run " + runId + " in " + b.description() + ": there are no runs yet; start one with "
                        + Hints.command("run", options));
            }
            throw new UserError("no run " + runId + " in " + b.description() + "; its runs: " + String.join(", ", runs)
                    + " (choose one with --run)");
        }
    }

    /** The experiment, or a {@link UserError} saying how to list the run's experiments. */
    static Experiment experiment(Backend b, BackendOptions options, String runId, String experimentId) {
        run(b, options, runId);
        try {
            return b.experiments().get(runId, experimentId);
        } catch (NotFoundException e) {
            throw new UserError("no experiment " + experimentId + " in run " + runId + ": list them with "
                    + Hints.command("experiments list", options, "--run", runId));
        }
    }
}
