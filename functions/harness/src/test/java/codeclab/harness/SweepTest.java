package codeclab.harness;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SweepTest {

    @Test
    void aCurveThatStopsShortAtTheTopGetsTheHighestKnobAndOneShortAtTheBottomTheLowest() {
        Map<Integer, Double> measured = Map.of(20, 33.0, 40, 35.0, 60, 37.0, 80, 39.0, 95, 40.0);
        assertThat(Sweep.ends(measured, 30, 45, 4)).containsExactly(100, 0);
        assertThat(Sweep.ends(measured, 34, 45, 4)).containsExactly(100);
        assertThat(Sweep.ends(measured, 30, 40, 4)).containsExactly(0);
        assertThat(Sweep.ends(measured, 33, 40, 4)).isEmpty();
        assertThat(Sweep.ends(measured, 30, 45, 1)).as("the budget caps it").containsExactly(100);
        assertThat(Sweep.ends(Map.of(0, 20.0, 100, 30.0), 30, 45, 4)).as("an end never repeats").isEmpty();
    }

    @Test
    void aGapOverHalfOfX264sRangeIsBisectedWidestFirst() {
        // x264 spans [30, 46]; 95 -> 100 jumps 40 -> 55 dB: the gap inside x264's range is [40, 46] = 6 dB < 8 dB
        assertThat(Sweep.bisections(Map.of(20, 33.0, 95, 40.0, 100, 55.0), 30, 46, 2))
                .as("33 -> 40 is 7 dB and 40 -> 46 is 6 dB: both under half of 16 dB").isEmpty();
        // 0 -> 20 jumps 12 -> 40 dB: [30, 40] = 10 dB > 8 dB, bisected at knob 10; 20 -> 100 covers [40, 46]
        assertThat(Sweep.bisections(Map.of(0, 12.0, 20, 40.0, 100, 48.0), 30, 46, 2)).containsExactly(10);
        // only the part of a gap inside x264's range counts: 0 -> 50 leaves [20, 31] = 11 dB of [20, 40] uncovered
        Map<Integer, Double> gap = Map.of(0, 10.0, 50, 31.0, 60, 32.0, 100, 60.0);
        assertThat(Sweep.bisections(gap, 20, 40, 2)).containsExactly(25);
        assertThat(Sweep.bisections(gap, 20, 40, 0)).as("no budget, no point").isEmpty();
        // neighbouring knobs cannot be split
        assertThat(Sweep.bisections(Map.of(50, 10.0, 51, 60.0), 20, 40, 2)).isEmpty();
    }
}
