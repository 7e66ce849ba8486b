package codeclab.site;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The post says whether the held-out clips confirmed the dev numbers, and nothing when it was not run there. */
class ExperimentPageHoldoutTest {

    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    private static String page(Double holdoutBd, Double holdoutRatio) {
        Experiment e = new Experiment("r", "e1", ExperimentStatus.COMPLETED, OutcomeKind.OK, null, "evo", null, "h", null,
                null, T, T, -10.0, 80.0, 100.0, 0, holdoutBd, holdoutRatio);
        String html = ExperimentPage.render(new ExperimentPage.Input(e, "class C {}", null, null, null, null, null));
        HtmlCheck.wellFormed(html);
        return html;
    }

    @Test
    void confirmedHeldOutNumbersAreShown() {
        assertThat(page(3.5, 0.9)).contains("confirmed on held-out clips", "+3.5", "0.900").doesNotContain("not confirmed");
    }

    @Test
    void anUnconfirmedResultSaysSo() {
        assertThat(page(40.0, 1.3)).contains("Held-out clips: not confirmed", "1.300");
    }

    @Test
    void anExperimentNotRunOnTheHeldOutClipsShowsNoHeldOutCard() {
        assertThat(page(null, null)).doesNotContain("Held-out");
    }
}
