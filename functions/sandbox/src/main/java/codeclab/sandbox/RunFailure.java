package codeclab.sandbox;

import codeclab.core.OutcomeKind;

/** A candidate failed while running: the outcome class and a message a planner can act on. */
public final class RunFailure extends Exception {

    private final OutcomeKind kind;

    public RunFailure(OutcomeKind kind, String message) {
        super(message);
        if (kind == OutcomeKind.OK) {
            throw new IllegalArgumentException("a failure cannot be OK");
        }
        this.kind = kind;
    }

    public OutcomeKind kind() {
        return kind;
    }
}
