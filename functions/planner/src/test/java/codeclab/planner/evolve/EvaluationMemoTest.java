package codeclab.planner.evolve;

import codeclab.core.OutcomeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationMemoTest {

    @Test
    void aRestartedBenchmarkReadsBackEveryMeasurementAndFailureItWrote(@TempDir Path dir) {
        CompilingEvaluator ev = new CompilingEvaluator(32, 32, 2);
        String seed = DesignTemplate.render(Design.hybridSeed());
        Evaluator.Result measured = ev.evaluate(seed);
        EvaluationMemo memo = new EvaluationMemo(dir);
        memo.put(seed, measured);
        memo.put("class Broken {}", new Evaluator.Result.Failed(OutcomeKind.COMPILE_ERROR, "no codec"));

        EvaluationMemo again = new EvaluationMemo(dir);
        assertThat(again).hasSize(2);
        assertThat(again.get(seed)).isInstanceOfSatisfying(Evaluator.Result.Measured.class, m -> {
            assertThat(m.evaluation().bdRatePercent()).isEqualTo(((Evaluator.Result.Measured) measured).evaluation().bdRatePercent());
            assertThat(m.evaluation().clips().getFirst().points()).isEqualTo(((Evaluator.Result.Measured) measured).evaluation().clips().getFirst().points());
        });
        assertThat(again.get("class Broken {}")).isEqualTo(new Evaluator.Result.Failed(OutcomeKind.COMPILE_ERROR, "no codec"));
    }
}
