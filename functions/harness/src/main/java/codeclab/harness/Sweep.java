package codeclab.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Which quality knobs to add to a candidate's sweep so that its PSNR-Y range covers x264's on the same clip. BD-rate
 * is only defined over the range both curves share; a codec whose default knobs stop short of x264's range would
 * otherwise be compared on a sliver of it (or not at all).
 *
 * <p>Two rounds at most, both within the budget of extra points: first the ends of the knob range (100 when the
 * candidate's best PSNR-Y is below x264's best, 0 when its worst is above x264's worst); then, where two
 * neighbouring knobs leave more than half of x264's range without a point (typically after a jump to an end),
 * the knob halfway between them (bisection; at most one such gap fits in the range). Knobs already measured are never
 * repeated.
 */
final class Sweep {

    /** A gap between neighbouring points wider than this share of x264's range gets a bisection point. */
    static final double MAX_GAP_SHARE = 0.5;

    private Sweep() {
    }

    /**
     * Knobs to add at the ends of the range: 100 and/or 0 when the measured curve stops short of x264's range.
     *
     * @param measured PSNR-Y by knob of the points measured so far
     * @param baseMin  x264's lowest PSNR-Y on the clip
     * @param baseMax  x264's highest PSNR-Y on the clip
     * @param budget   how many points may still be added
     */
    static List<Integer> ends(Map<Integer, Double> measured, double baseMin, double baseMax, int budget) {
        List<Integer> add = new ArrayList<>();
        double max = measured.values().stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max().orElse(Double.NaN);
        double min = measured.values().stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).min().orElse(Double.NaN);
        if (add.size() < budget && !(max >= baseMax) && !measured.containsKey(100)) {
            add.add(100);
        }
        if (add.size() < budget && !(min <= baseMin) && !measured.containsKey(0)) {
            add.add(0);
        }
        return add;
    }

    /**
     * Knobs halfway between neighbouring measured knobs whose PSNR-Y values leave more than
     * {@link #MAX_GAP_SHARE} of x264's range (clipped to that range) without a point, widest gap first.
     */
    static List<Integer> bisections(Map<Integer, Double> measured, double baseMin, double baseMax, int budget) {
        NavigableMap<Integer, Double> byKnob = new TreeMap<>(measured);
        double range = baseMax - baseMin;
        List<double[]> gaps = new ArrayList<>(); // {gap, midpoint knob}
        Map.Entry<Integer, Double> previous = null;
        for (Map.Entry<Integer, Double> e : byKnob.entrySet()) {
            if (previous != null && e.getKey() - previous.getKey() > 1) {
                double lo = clamp(Math.min(previous.getValue(), e.getValue()), baseMin, baseMax);
                double hi = clamp(Math.max(previous.getValue(), e.getValue()), baseMin, baseMax);
                if (hi - lo > MAX_GAP_SHARE * range) {
                    gaps.add(new double[] {hi - lo, (previous.getKey() + e.getKey()) / 2});
                }
            }
            previous = e;
        }
        gaps.sort((a, b) -> Double.compare(b[0], a[0]));
        return gaps.stream().limit(Math.max(0, budget)).map(g -> (int) g[1]).toList();
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }
}
