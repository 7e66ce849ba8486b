package codeclab.monitor.analysis;

import java.util.Locale;

/**
 * Why an experiment timed out, read from its message: the sandbox killed code that was too slow for its wall-clock
 * limit (the planner's problem), or the experiment was interrupted &mdash; stuck in a non-final status until the
 * timeout sweep marked it (a crashed worker, a killed loop, Ctrl-C: codec-lab's or the machine's problem).
 */
public enum TimeoutCause {
    /** The candidate hit a wall-clock limit (sandbox kill, or a stage timeout of the state machine). */
    TOO_SLOW,
    /** Nothing finished it: the timeout sweep found it stuck (the loop or a worker died). */
    INTERRUPTED;

    /** The cause of a timeout with this message (null or unknown messages count as too slow: a limit was hit). */
    public static TimeoutCause of(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return m.contains("timeout sweep") || m.startsWith("stuck in") || m.contains("interrupted")
                ? INTERRUPTED : TOO_SLOW;
    }

    /** Timeouts counted by cause. */
    public record Split(long tooSlow, long interrupted) {
        public static final Split NONE = new Split(0, 0);

        public Split plus(TimeoutCause c) {
            return c == TOO_SLOW ? new Split(tooSlow + 1, interrupted) : new Split(tooSlow, interrupted + 1);
        }

        public long total() {
            return tooSlow + interrupted;
        }
    }
}
