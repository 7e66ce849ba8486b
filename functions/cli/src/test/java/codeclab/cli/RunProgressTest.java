package codeclab.cli;

import codeclab.local.LocalRunner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunProgressTest {

    private static LocalRunner.Progress.Recorded recorded(String id, String status, Double bdRate) {
        return new LocalRunner.Progress.Recorded(id, status, bdRate);
    }

    @Test
    void eachLineShowsTheExperimentsOwnBdRateAndTheBestMeasuredSoFar() {
        var progress = new RunCommand.Progress(4, true, null);

        assertThat(progress.line(recorded("e1", "COMPLETED", -8.6), 10))
                .startsWith("[######..................] 1/4 e1 COMPLETED").contains("BD-rate -8.6 %, best -8.6 %");
        assertThat(progress.line(recorded("e2", "COMPLETED", 20.0), 20)).contains("BD-rate +20.0 %, best -8.6 %");
        assertThat(progress.line(recorded("e3", "FAILED", null), 30)).contains("BD-rate n/a, best -8.6 %");
        assertThat(progress.line(recorded("e4", "COMPLETED", -9.25), 40))
                .startsWith("[########################] 4/4").contains("BD-rate -9.3 %, best -9.3 %");
    }

    @Test
    void aContinuedRunStartsFromItsBestSoFarAndNaNIsNoBdRate() {
        var progress = new RunCommand.Progress(2, true, -12.0);

        assertThat(progress.line(recorded("e5", "COMPLETED", Double.NaN), 1)).contains("BD-rate n/a, best -12.0 %");
        assertThat(progress.line(recorded("e6", "COMPLETED", -3.0), 2)).contains("BD-rate -3.0 %, best -12.0 %");
    }
}
