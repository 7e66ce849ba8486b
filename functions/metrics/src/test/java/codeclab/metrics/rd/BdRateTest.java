package codeclab.metrics.rd;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BdRateTest {

    static final List<RatePoint> CURVED_REF = List.of(p(100, 30.0), p(180, 33.2), p(350, 36.1), p(700, 38.9), p(1500, 41.0));
    static final List<RatePoint> CURVED_CAND = List.of(p(90, 30.6), p(160, 33.0), p(300, 35.5), p(640, 39.4));

    static RatePoint p(double rate, double quality) {
        return new RatePoint(rate, quality);
    }

    /** Rate doubles every 6 dB: log r = log 100 + (ln 2 / 6) (q - 30), sampled at q = 30, 33, ..., 42. */
    static List<RatePoint> line(double qualityShift) {
        List<RatePoint> pts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            double q = 30 + 3 * i;
            pts.add(p(100 * Math.pow(2, (q - 30) / 6), q + qualityShift));
        }
        return pts;
    }

    @Test
    void identicalCurvesGiveZero() {
        BdRate bd = BdRate.compute(CURVED_REF, CURVED_REF);
        assertThat(bd.defined()).isTrue();
        assertThat(bd.percent()).isCloseTo(0, within(1e-12));
    }

    @Test
    void ninetyPercentOfTheRatesAtTheSameQualitiesIsMinusTenPercent() {
        List<RatePoint> cand = CURVED_REF.stream().map(r -> p(0.9 * r.rate(), r.quality())).toList();
        assertThat(BdRate.compute(CURVED_REF, cand).percent()).isCloseTo(-10.0, within(1e-9));
        assertThat(BdRate.compute(cand, CURVED_REF).percent()).isCloseTo((1 / 0.9 - 1) * 100, within(1e-9));
    }

    @Test
    void aStraightLineShiftedOneDbUpNeedsTwoToTheMinusOneSixthTheRate() {
        // PCHIP reproduces straight lines; one dB better at every rate means log r_c(q) = log r(q) - ln2/6
        // on the shared interval [31, 42], so BD-rate = 2^(-1/6) - 1 = -10.9101...%.
        BdRate bd = BdRate.compute(line(0), line(1));
        assertThat(bd.percent()).isCloseTo((Math.pow(2, -1 / 6.0) - 1) * 100, within(1e-9));
        assertThat(bd.overlapLow()).isEqualTo(31.0);
        assertThat(bd.overlapHigh()).isEqualTo(42.0);
    }

    @Test
    void curvedCurvesMatchTheIndependentPythonOracle() {
        // Expected values from src/test/python/bdrate_oracle.py (stdlib PCHIP, Simpson integration):
        //   curved: -7.894018391690 %   (SciPy PchipInterpolator: -7.894018391685 %)
        //   end-slope-clipped: -28.596605235907 % (SciPy: -28.596605235907 %)
        assertThat(BdRate.compute(CURVED_REF, CURVED_CAND).percent()).isCloseTo(-7.894018391690, within(1e-8));
        List<RatePoint> clippedRef = List.of(p(100, 30.0), p(110, 31.0), p(800, 32.0), p(1000, 36.0));
        List<RatePoint> clippedCand = List.of(p(95, 30.5), p(130, 31.5), p(700, 33.0), p(900, 35.0), p(1200, 37.0));
        assertThat(BdRate.compute(clippedRef, clippedCand).percent()).isCloseTo(-28.596605235907, within(1e-8));
    }

    @Test
    void pointOrderDoesNotMatter() {
        List<RatePoint> shuffled = new ArrayList<>(CURVED_CAND);
        Collections.reverse(shuffled);
        assertThat(BdRate.compute(CURVED_REF, shuffled).percent())
                .isEqualTo(BdRate.compute(CURVED_REF, CURVED_CAND).percent());
    }

    @Test
    void undefinedWithAReasonWhenCurvesDoNotOverlap() {
        BdRate bd = BdRate.compute(line(0), line(20));
        assertThat(bd.defined()).isFalse();
        assertThat(bd.percent()).isNaN();
        assertThat(bd.reason()).contains("do not overlap");
    }

    @Test
    void theOverlapIsTheSharedShareOfTheReferencesRange() {
        // reference spans [30, 42]; shifted one dB up the candidate spans [31, 43]: shared [31, 42] = 11/12
        BdRate bd = BdRate.compute(line(0), line(1), 0.75);
        assertThat(bd.defined()).isTrue();
        assertThat(bd.overlapShare()).isCloseTo(11 / 12.0, within(1e-12));
        assertThat(bd.overlapPercent()).isCloseTo(91.6667, within(1e-4));
        // a candidate wider than the reference covers all of it, never more
        List<RatePoint> wide = new ArrayList<>(line(0));
        wide.add(p(25, 18.0));
        wide.add(p(3200, 60.0));
        assertThat(BdRate.compute(line(0), wide, 0.75).overlapShare()).isEqualTo(1.0);
        assertThat(BdRate.compute(line(0), line(20)).overlapShare()).isZero();
    }

    @Test
    void exactlyTheMinimumOverlapIsEnoughAndLessIsUndefinedWithTheOverlapKept() {
        // shifted 3 dB: shared [33, 42] = 9/12 = 75 %, the default minimum
        BdRate atMinimum = BdRate.compute(line(0), line(3), BdRate.DEFAULT_MIN_OVERLAP);
        assertThat(atMinimum.defined()).isTrue();
        assertThat(atMinimum.percent()).isCloseTo((Math.pow(2, -3 / 6.0) - 1) * 100, within(1e-9));
        // shifted 4 dB: shared [34, 42] = 8/12; a value exists over the sliver but the rule refuses it
        assertThat(BdRate.compute(line(0), line(4)).defined()).isTrue();
        BdRate refused = BdRate.compute(line(0), line(4), BdRate.DEFAULT_MIN_OVERLAP);
        assertThat(refused.defined()).isFalse();
        assertThat(refused.percent()).isNaN();
        assertThat(refused.overlapShare()).isCloseTo(8 / 12.0, within(1e-12));
        assertThat(refused.overlapLow()).isEqualTo(34.0);
        assertThat(refused.overlapHigh()).isEqualTo(42.0);
        assertThat(refused.reason()).isEqualTo(
                "curves overlap over 66.7 % of the reference's range ([34.00, 42.00] of [30.00, 42.00]), need 75 %");
        // a stricter minimum refuses what the default accepts; zero accepts any overlap
        assertThat(BdRate.compute(line(0), line(3), 0.8).defined()).isFalse();
        assertThat(BdRate.compute(line(0), line(11), 0).defined()).isTrue();
        assertThatThrownBy(() -> BdRate.compute(line(0), line(1), 75)).hasMessageContaining("share in 0..1");
    }

    @Test
    void undefinedWithAReasonForTooFewDuplicateOrNonMonotonePoints() {
        assertThat(BdRate.compute(CURVED_REF, CURVED_CAND.subList(0, 3)).reason())
                .isEqualTo("candidate curve: too few points: 3, need at least 4");
        List<RatePoint> dup = List.of(p(100, 30), p(200, 33), p(250, 33), p(400, 36));
        assertThat(BdRate.compute(dup, CURVED_CAND).reason()).startsWith("reference curve: two points have the same quality 33.0");
        List<RatePoint> nonMonotone = List.of(p(100, 30), p(300, 33), p(200, 34), p(400, 36));
        assertThat(BdRate.compute(CURVED_REF, nonMonotone).reason()).contains("not monotone");
        List<RatePoint> lossless = List.of(p(100, 30), p(200, 33), p(300, 36), p(5000, Double.POSITIVE_INFINITY));
        assertThat(BdRate.compute(CURVED_REF, lossless).reason()).contains("not finite");
        List<RatePoint> zeroRate = List.of(p(0, 30), p(200, 33), p(300, 36), p(500, 39));
        assertThat(BdRate.compute(CURVED_REF, zeroRate).reason()).contains("not a positive number");
    }

    @Test
    void rateAtTargetQualityInterpolatesTheMonotoneLogRateCurve() {
        // straight line: exactly 100 * 2^((q - 30) / 6)
        assertThat(RateCurve.of(line(0)).rateAt(34.5).rate()).isCloseTo(100 * Math.pow(2, 4.5 / 6), within(1e-9));
        // at a knot: the measured rate
        assertThat(RateCurve.of(CURVED_REF).rateAt(36.1).rate()).isCloseTo(350, within(1e-9));
        // curved: from bdrate_oracle.py, 431.435406575910
        assertThat(RateCurve.rateAt(CURVED_REF, 37.0).rate()).isCloseTo(431.435406575910, within(1e-8));
    }

    @Test
    void rateAtTargetQualityIsUndefinedOutsideTheCurve() {
        RateAtQuality above = RateCurve.rateAt(CURVED_REF, 41.5);
        assertThat(above.defined()).isFalse();
        assertThat(above.rate()).isNaN();
        assertThat(above.reason()).contains("outside the curve's qualities [30.0, 41.0]");
        assertThat(RateCurve.rateAt(CURVED_REF, 29.9).defined()).isFalse();
        assertThat(RateCurve.rateAt(List.of(p(100, 30)), 30).reason()).contains("too few points");
    }

    @Test
    void aCurveThatCannotBeBuiltSaysWhy() {
        assertThatThrownBy(() -> RateCurve.of(List.of(p(100, 30), p(90, 31))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not monotone");
    }

    @Test
    void pchipStaysMonotoneBetweenKnots() {
        RateCurve c = RateCurve.of(List.of(p(100, 30.0), p(110, 31.0), p(800, 32.0), p(1000, 36.0)));
        double previous = Double.NEGATIVE_INFINITY;
        for (double q = 30; q <= 36; q += 0.01) {
            double lr = c.logRateAt(q);
            assertThat(lr).isGreaterThanOrEqualTo(previous);
            previous = lr;
        }
    }
}
