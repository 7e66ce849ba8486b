package codeclab.planner;

import java.util.ArrayList;
import java.util.List;

/**
 * The decisions a planner made for one candidate: kept on the candidate (so they are recorded with the
 * experiment) and echoed to {@link System.Logger} at DEBUG level.
 */
public final class DecisionLog {

    private static final System.Logger LOG = System.getLogger("codeclab.planner");

    private final String planner;
    private final List<String> lines = new ArrayList<>();

    public DecisionLog(String planner) {
        this.planner = planner;
    }

    public void add(String decision) {
        lines.add(decision);
        LOG.log(System.Logger.Level.DEBUG, () -> planner + ": " + decision);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
