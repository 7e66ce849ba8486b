package codeclab.planner;

import codeclab.core.OutcomeKind;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a planner gets for one experiment.
 *
 * @param runId    the run being planned
 * @param seed     the run's seed; with {@code slot} it fixes every random choice
 * @param slot     the experiment's index in the run (0, 1, 2...)
 * @param history  read access to the run's earlier experiments
 * @param hints    short notes from the loop or the monitor (e.g. "most frequent sandbox violation: java.lang.Thread")
 * @param checker  compiles and verifies a proposed source; {@link SourceChecker#NONE} when the loop offers none
 * @param ledger   the run's planner money (reserve before a paid call, settle after)
 * @param deadline when the plan must be handed back (the Plan step's own limit minus a margin), or null for none
 */
public record PlanRequest(String runId, long seed, int slot, History history, List<String> hints,
                          SourceChecker checker, SpendLedger ledger, Instant deadline) {

    public PlanRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(history, "history");
        hints = hints == null ? List.of() : List.copyOf(hints);
        checker = checker == null ? SourceChecker.NONE : checker;
        ledger = ledger == null ? SpendLedger.inMemory(history.spentUsd()) : ledger;
    }

    public PlanRequest(String runId, long seed, int slot, History history, List<String> hints, SourceChecker checker) {
        this(runId, seed, slot, history, hints, checker, null, null);
    }

    public PlanRequest(String runId, long seed, int slot, History history) {
        this(runId, seed, slot, history, List.of(), SourceChecker.NONE);
    }

    /** A seed for this slot's random choices, mixed so that neighbouring slots are unrelated. */
    public long slotSeed() {
        long z = seed * 0x9E3779B97F4A7C15L + slot;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Why a source was rejected before it ran: its class (COMPILE_ERROR, FORBIDDEN_API...) and the checker's message. */
    public record CheckFailure(OutcomeKind kind, String message) {
        public CheckFailure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Compiles and verifies a source before the planner hands it over, so the problem can be repaired in the same call. */
    @FunctionalInterface
    public interface SourceChecker {
        SourceChecker NONE = source -> Optional.empty();

        /** The compile error or sandbox violation, or empty when {@code source} compiles and verifies. */
        Optional<CheckFailure> check(String source);
    }
}
