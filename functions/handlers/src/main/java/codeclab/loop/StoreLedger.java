package codeclab.loop;

import codeclab.planner.SpendLedger;
import codeclab.store.ExperimentStore;

/** The run's planner budget ledger in the store, remembering whether a reservation was refused (the run then pauses). */
final class StoreLedger implements SpendLedger {

    private final ExperimentStore store;
    private final String runId;
    private volatile boolean refused;

    StoreLedger(ExperimentStore store, String runId) {
        this.store = store;
        this.runId = runId;
    }

    @Override
    public boolean reserve(double usd, double limitUsd) {
        boolean ok = store.reserveSpend(runId, usd, limitUsd);
        refused |= !ok;
        return ok;
    }

    @Override
    public void settle(double reservedUsd, double actualUsd, long inputTokens, long outputTokens) {
        store.settleSpend(runId, reservedUsd, actualUsd, inputTokens, outputTokens);
    }

    @Override
    public double spentUsd() {
        return store.getRun(runId).plannerSpend().spentUsd();
    }

    @Override
    public double committedUsd() {
        return store.getRun(runId).plannerSpend().committedUsd();
    }

    /** True once a reservation did not fit under the budget. */
    boolean refused() {
        return refused;
    }
}
