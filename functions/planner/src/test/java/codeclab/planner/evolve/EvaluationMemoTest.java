package codeclab.planner.evolve;

import codeclab.core.ClipEvaluation;
import codeclab.core.OutcomeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationMemoTest {

    private static final String SEED = DesignTemplate.render(Design.hybridSeed());
    private static final Evaluator.Result.Measured MEASURED =
            (Evaluator.Result.Measured) new CompilingEvaluator(32, 32, 2).evaluate(SEED);
    private static final List<String> CLIPS = MEASURED.evaluation().clips().stream().map(ClipEvaluation::clipHash).toList();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Evaluator.Result.Failed BROKEN = new Evaluator.Result.Failed(OutcomeKind.COMPILE_ERROR, "no codec");

    @Test
    void aRestartedBenchmarkReadsBackEveryMeasurementAndFailureItWrote(@TempDir Path dir) {
        EvaluationMemo memo = new EvaluationMemo(dir, CLIPS);
        memo.put(SEED, MEASURED);
        memo.put("class Broken {}", BROKEN);

        EvaluationMemo again = new EvaluationMemo(dir, CLIPS);
        assertThat(again).hasSize(2);
        assertThat(again.elsewhere()).isZero();
        assertThat(again.get(SEED)).isInstanceOfSatisfying(Evaluator.Result.Measured.class, m -> {
            assertThat(m.evaluation().bdRatePercent()).isEqualTo(MEASURED.evaluation().bdRatePercent());
            assertThat(m.evaluation().clips().getFirst().points()).isEqualTo(MEASURED.evaluation().clips().getFirst().points());
        });
        assertThat(again.get("class Broken {}")).isEqualTo(BROKEN);
    }

    @Test
    void measurementsOnOtherClipsAreNotReadAndDoNotOverwriteThoseOnTheseClips(@TempDir Path dir) throws Exception {
        new EvaluationMemo(dir, CLIPS).put(SEED, MEASURED);
        new EvaluationMemo(dir, CLIPS).put("class Broken {}", BROKEN);
        EvaluationMemo other = new EvaluationMemo(dir, List.of("another clip"));
        assertThat(other).isEmpty();
        assertThat(other.elsewhere()).isEqualTo(2);

        other.put(SEED, BROKEN);
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".json"))).hasSize(3);
        }
        assertThat(new EvaluationMemo(dir, CLIPS).get(SEED)).isInstanceOf(Evaluator.Result.Measured.class);
        assertThat(new EvaluationMemo(dir, List.of("another clip")).get(SEED)).isEqualTo(BROKEN);
    }

    @Test
    void aFileWrittenBeforeClipsWereKeptIsReadByItsEvaluationsClipsAndAnOldFailureIsMeasuredAgain(@TempDir Path dir) throws Exception {
        EvaluationMemo memo = new EvaluationMemo(dir, CLIPS);
        memo.put(SEED, MEASURED);
        memo.put("class Broken {}", BROKEN);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) { // as the files were before: no "clips" beside the evaluation
                var doc = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(f.toFile());
                assertThat(doc.remove("clips")).isNotNull();
                JSON.writeValue(f.toFile(), doc);
            }
        }
        EvaluationMemo old = new EvaluationMemo(dir, CLIPS);
        assertThat(old).containsOnlyKeys(SEED);
        assertThat(old.elsewhere()).isEqualTo(1);
    }

    @Test
    void measureEvaluatesASourceOnceAndKeepsTheResultOnDisk(@TempDir Path dir) {
        int[] calls = {0};
        Evaluator counting = source -> {
            calls[0]++;
            return MEASURED;
        };
        EvaluationMemo memo = new EvaluationMemo(dir, CLIPS);
        assertThat(memo.measure(SEED, counting)).isSameAs(MEASURED);
        assertThat(memo.measure(SEED, counting)).isSameAs(MEASURED);
        assertThat(calls[0]).isEqualTo(1);
        assertThat(new EvaluationMemo(dir, CLIPS).measure(SEED, counting)).isInstanceOf(Evaluator.Result.Measured.class);
        assertThat(calls[0]).as("read back, not measured again").isEqualTo(1);
    }
}
