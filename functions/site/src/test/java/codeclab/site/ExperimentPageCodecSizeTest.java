package codeclab.site;

import codeclab.core.CodecSize;
import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The post shows the codec's size (class files, literal data) when the evaluation carries it. */
class ExperimentPageCodecSizeTest {

    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    private static String page(Evaluation ev) {
        Experiment e = new Experiment("r", "e1", ExperimentStatus.COMPLETED, OutcomeKind.OK, null, "evo", null, "h", null,
                null, T, T, -10.0, 80.0, 100.0, 0);
        String html = ExperimentPage.render(new ExperimentPage.Input(e, "class C {}", null, null, ev, null, null));
        HtmlCheck.wellFormed(html);
        return html;
    }

    @Test
    void theCodecSizeSectionNamesClassFileBytesAndLiteralData() {
        assertThat(page(Fixtures.evaluation(0.9).withCodecSize(new CodecSize(12_345, 678))))
                .contains("<h2>Codec size</h2>", "12345 bytes of class files", "678 bytes of literal data");
    }

    @Test
    void anEvaluationWithoutASizeShowsNoSection() {
        assertThat(page(Fixtures.evaluation(0.9))).doesNotContain("Codec size");
    }
}
