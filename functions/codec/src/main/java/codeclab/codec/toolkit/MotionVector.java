package codeclab.codec.toolkit;

/**
 * A motion vector and the matching cost its search found. Units are whatever the producing method says:
 * integer pels for {@link MotionSearch#fullSearch}/{@link MotionSearch#diamondSearch}, half pels for
 * {@link MotionSearch#refineHalfPel}. The block at (x, y) is predicted from the reference at (x+dx, y+dy).
 */
public record MotionVector(int dx, int dy, int cost) {

    public static final MotionVector ZERO = new MotionVector(0, 0, 0);
}
