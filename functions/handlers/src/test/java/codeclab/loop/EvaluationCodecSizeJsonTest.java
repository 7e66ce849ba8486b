package codeclab.loop;

import codeclab.core.CodecSize;
import codeclab.core.Evaluation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The codec size travels in the stored Evaluation JSON; evaluations stored before it existed read as "not measured". */
class EvaluationCodecSizeJsonTest {

    @Test
    void theCodecSizeRoundTrips() {
        Evaluation ev = new Evaluation(38, List.of(), 100, 200).withCodecSize(new CodecSize(17871, 565));
        String json = Json.write(ev);
        assertThat(json).contains("\"codecSize\"", "17871", "565");
        assertThat(Json.read(json, Evaluation.class)).isEqualTo(ev);
    }

    @Test
    void anOlderEvaluationWithoutASizeReadsAsNull() {
        Evaluation old = Json.read("{\"targetPsnrY\":38.0,\"clips\":[],\"encodeFps\":100.0,\"decodeFps\":200.0}", Evaluation.class);
        assertThat(old.codecSize()).isNull();
        assertThat(old.encodeFps()).isEqualTo(100.0);
    }
}
