package codeclab.planner;

import codeclab.core.OutcomeKind;

import java.util.List;
import java.util.Objects;

/**
 * A planner's proposal, or its failure to make one.
 *
 * <p>Either {@code source} is set and {@code outcome} is null (the loop validates and runs it), or
 * {@code source} is null and {@code outcome} is {@link OutcomeKind#INVALID_RESPONSE} or
 * {@link OutcomeKind#PLANNER_ERROR} with a one-line {@code message}; {@code rawAnswer} then keeps the
 * model's last answer (or null) so the experiment record can show it.
 *
 * @param source     Java source of one public class implementing {@code codeclab.codec.Codec}, or null
 * @param parentId   experiment id of the program it derives from, or null
 * @param hypothesis what the change should achieve, one or two sentences
 * @param planner    planner name and version
 * @param cost       tokens, USD and wall time
 * @param outcome    null on success, else the failure class
 * @param message    null on success, else what went wrong and what to fix
 * @param rawAnswer  the model's raw answer when it could not be used, else null
 * @param decisions  the planner's decisions, in order, one line each
 * @param trace      the model calls behind it (LLM planners), or null
 */
public record Candidate(String source, String parentId, String hypothesis, String planner, Cost cost,
                        OutcomeKind outcome, String message, String rawAnswer, List<String> decisions, PlannerTrace trace) {

    public Candidate {
        Objects.requireNonNull(planner, "planner");
        cost = cost == null ? Cost.ZERO : cost;
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        if (source == null) {
            if (outcome != OutcomeKind.INVALID_RESPONSE && outcome != OutcomeKind.PLANNER_ERROR) {
                throw new IllegalArgumentException("a candidate without source needs outcome INVALID_RESPONSE or PLANNER_ERROR, got " + outcome);
            }
            Objects.requireNonNull(message, "message");
        } else if (outcome != null) {
            throw new IllegalArgumentException("a candidate with source has no failure outcome");
        }
    }

    public static Candidate proposed(String source, String parentId, String hypothesis, String planner, Cost cost,
                                     List<String> decisions) {
        return new Candidate(Objects.requireNonNull(source, "source"), parentId, hypothesis, planner, cost,
                null, null, null, decisions, null);
    }

    public static Candidate failed(OutcomeKind outcome, String message, String rawAnswer, String parentId,
                                   String planner, Cost cost, List<String> decisions) {
        return new Candidate(null, parentId, null, planner, cost, outcome, message, rawAnswer, decisions, null);
    }

    /** The same candidate with the trace of the model calls behind it. */
    public Candidate withTrace(PlannerTrace t) {
        return new Candidate(source, parentId, hypothesis, planner, cost, outcome, message, rawAnswer, decisions, t);
    }

    public boolean isFailure() {
        return source == null;
    }
}
