package codeclab.loop;

import codeclab.core.OutcomeKind;
import codeclab.loop.Events.Planned;
import codeclab.loop.Events.Validation;
import codeclab.sandbox.ValidationOutcome;
import codeclab.sandbox.Validator;
import codeclab.store.ArtifactStore;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/** Step 2, validate: compiles, verifies and smoke-runs the source; a planner failure passes straight through as invalid. */
final class ValidateStage {

    private final ArtifactStore artifacts;
    private final Validator validator;
    private final StageTimer timer;

    ValidateStage(ArtifactStore artifacts, Validator validator, StageTimer timer) {
        this.artifacts = artifacts;
        this.validator = validator;
        this.timer = timer;
    }

    Validation validate(Planned planned) {
        if (planned.sourceKey() == null) {
            return new Validation(false, Objects.requireNonNullElse(planned.planOutcome(), OutcomeKind.PLANNER_ERROR.name()),
                    Objects.requireNonNullElse(planned.planMessage(), "the planner produced no source"));
        }
        long start = System.nanoTime();
        ValidationOutcome outcome = validator.validate(source(planned.sourceKey()));
        timer.done(StageListener.Stage.VALIDATE, planned.runId(), planned.experimentId(), start, outcome.kind().name(), false);
        return new Validation(outcome.kind() == OutcomeKind.OK, outcome.kind().name(),
                outcome.kind() == OutcomeKind.OK ? null : outcome.message());
    }

    /** The compiler's or verifier's complaint about {@code source}, or empty when it compiles and verifies. */
    Optional<String> compileError(String source) {
        return check(source).map(codeclab.planner.PlanRequest.CheckFailure::message);
    }

    /** The planner's pre-check: a compile error, a contract breach (said as a compile error) or a sandbox violation. */
    Optional<codeclab.planner.PlanRequest.CheckFailure> check(String source) {
        try {
            validator.compileAndVerify(source);
            return Optional.empty();
        } catch (codeclab.sandbox.compile.CompileException e) {
            return Optional.of(new codeclab.planner.PlanRequest.CheckFailure(codeclab.core.OutcomeKind.COMPILE_ERROR, e.getMessage()));
        } catch (codeclab.sandbox.verify.VerificationException e) {
            return Optional.of(e.kind() == codeclab.sandbox.verify.VerificationException.Kind.CONTRACT
                    ? new codeclab.planner.PlanRequest.CheckFailure(codeclab.core.OutcomeKind.COMPILE_ERROR,
                    "the codec contract is not met: " + e.getMessage())
                    : new codeclab.planner.PlanRequest.CheckFailure(codeclab.core.OutcomeKind.FORBIDDEN_API, e.getMessage()));
        }
    }

    String source(String key) {
        return new String(artifacts.get(key), StandardCharsets.UTF_8);
    }
}
