package codeclab.planner;

import java.time.Duration;

/**
 * What planning one candidate cost.
 *
 * @param inputTokens  prompt tokens over every model call of the plan
 * @param outputTokens answer tokens over every model call
 * @param usd          estimated price in US dollars
 * @param wall         wall time of the whole plan call
 */
public record Cost(long inputTokens, long outputTokens, double usd, Duration wall) {

    public static final Cost ZERO = new Cost(0, 0, 0.0, Duration.ZERO);

    public Cost {
        if (inputTokens < 0 || outputTokens < 0 || !(usd >= 0)) {
            throw new IllegalArgumentException("cost must be non-negative: " + inputTokens + "/" + outputTokens + "/" + usd);
        }
        wall = wall == null ? Duration.ZERO : wall;
    }

    public Cost plus(Cost other) {
        return new Cost(inputTokens + other.inputTokens, outputTokens + other.outputTokens, usd + other.usd,
                wall.plus(other.wall));
    }

    public Cost withWall(Duration newWall) {
        return new Cost(inputTokens, outputTokens, usd, newWall);
    }
}
