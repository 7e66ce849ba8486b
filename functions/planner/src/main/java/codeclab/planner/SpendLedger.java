package codeclab.planner;

/**
 * A run's planner money, shared by every plan of the run (parallel slots, Lambda invocations): a call first reserves
 * its worst-case cost, and runs only when the reservation fits under the limit; afterwards it settles the reservation
 * to what the call really cost. So concurrent plans can never together spend more than the limit.
 * The store keeps it on the run item (conditional writes); {@link #inMemory} serves tests and benchmarks.
 */
public interface SpendLedger {

    /**
     * Reserves {@code usd} when spent plus outstanding reservations plus {@code usd} stays within {@code limitUsd}.
     *
     * @return false, reserving nothing, when it does not fit
     */
    boolean reserve(double usd, double limitUsd);

    /** Replaces a reservation by the call's actual cost and adds its tokens to the run's totals. */
    void settle(double reservedUsd, double actualUsd, long inputTokens, long outputTokens);

    /** Settled spend in USD. */
    double spentUsd();

    /** Settled spend plus outstanding reservations. */
    double committedUsd();

    /** A ledger in memory, starting at {@code spentUsd}. Thread-safe. */
    static SpendLedger inMemory(double spentUsd) {
        return new SpendLedger() {
            private double spent = spentUsd;
            private double reserved;

            @Override
            public synchronized boolean reserve(double usd, double limitUsd) {
                if (spent + reserved + usd > limitUsd) {
                    return false;
                }
                reserved += usd;
                return true;
            }

            @Override
            public synchronized void settle(double reservedUsd, double actualUsd, long inputTokens, long outputTokens) {
                reserved = Math.max(0, reserved - reservedUsd);
                spent += actualUsd;
            }

            @Override
            public synchronized double spentUsd() {
                return spent;
            }

            @Override
            public synchronized double committedUsd() {
                return spent + reserved;
            }
        };
    }
}
