package codeclab.monitor.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StatsTest {

    @Test
    void theilSenIsTheMedianOfPairwiseSlopes() {
        // slopes: 2, 0.5, 4/3, -1, 1, 3 -> sorted -1, .5, 1, 4/3, 2, 3 -> median (1 + 4/3) / 2
        Stats.Line l = Stats.theilSen(new double[]{1, 2, 3, 4}, new double[]{1, 3, 2, 5});
        assertThat(l.slope()).isCloseTo(7.0 / 6, within(1e-12));
        // residuals y - 7/6 x: -1/6, 2/3, -3/2, 1/3 -> median (-1/6 + 1/3) / 2 = 1/12
        assertThat(l.intercept()).isCloseTo(1.0 / 12, within(1e-12));
    }

    @Test
    void theilSenIgnoresOneOutlier() {
        Stats.Line l = Stats.theilSen(new double[]{0, 1, 2, 3, 4}, new double[]{0, 2, 4, 100, 8});
        assertThat(l.slope()).isEqualTo(2.0);
    }

    @Test
    void theilSenNeedsTwoDistinctX() {
        assertThatThrownBy(() -> Stats.theilSen(new double[]{1, 1}, new double[]{1, 2}))
                .hasMessageContaining("two distinct x");
    }

    @Test
    void mannKendallOnAStrictlyRisingSeries() {
        // S = 10, Var = 5*4*15/18, Z = (S-1)/sqrt(Var) = 2.20454, p = erfc(Z/sqrt2) = 0.027486 (Python math.erfc)
        Stats.MannKendall mk = Stats.mannKendall(new double[]{1, 2, 3, 4, 5});
        assertThat(mk.s()).isEqualTo(10);
        assertThat(mk.variance()).isCloseTo(50.0 / 3, within(1e-12));
        assertThat(mk.z()).isCloseTo(2.2045407685, within(1e-9));
        assertThat(mk.pValue()).isCloseTo(0.0274863361, within(1e-6));
    }

    @Test
    void mannKendallCorrectsForTies() {
        // [1,2,2,3]: S = 5; Var = (4*3*13 - 2*1*9)/18 = 7.6667; Z = 4/sqrt(Var) = 1.44463; p = 0.148562
        Stats.MannKendall mk = Stats.mannKendall(new double[]{1, 2, 2, 3});
        assertThat(mk.s()).isEqualTo(5);
        assertThat(mk.variance()).isCloseTo(23.0 / 3, within(1e-12));
        assertThat(mk.pValue()).isCloseTo(0.1485617749, within(1e-6));
    }

    @Test
    void mannKendallOfAConstantSeriesIsNoTrend() {
        Stats.MannKendall mk = Stats.mannKendall(new double[]{3, 3, 3, 3});
        assertThat(mk.s()).isZero();
        assertThat(mk.pValue()).isEqualTo(1.0);
    }

    @Test
    void mannWhitneyKnownAnswer() {
        // U = 9 of 9 pairs; mean 4.5; var = 3*3/12*7 = 5.25; z = (9-4.5-0.5)/sqrt(5.25) = 1.74574; p = 0.040428
        Stats.MannWhitney mw = Stats.mannWhitney(new double[]{5, 6, 7}, new double[]{1, 2, 3});
        assertThat(mw.u()).isEqualTo(9);
        assertThat(mw.z()).isCloseTo(1.7457431219, within(1e-9));
        assertThat(mw.pGreater()).isCloseTo(0.0404277992, within(1e-6));
    }

    @Test
    void normalCdfMatchesTables() {
        assertThat(Stats.normalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(Stats.normalCdf(1.959963985)).isCloseTo(0.975, within(1e-6));
        assertThat(Stats.normalCdf(-1)).isCloseTo(0.1586552539, within(1e-6));
    }
}
