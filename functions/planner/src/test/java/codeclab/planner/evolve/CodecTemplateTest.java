package codeclab.planner.evolve;

import codeclab.core.OutcomeKind;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CodecTemplateTest {

    @Test
    void rendersOfManyRandomGenomesAllCompile() {
        Random r = new Random(1);
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            sources.put("Evolved" + i, CodecTemplate.render(Genome.random(r), "Evolved" + i));
        }
        sources.put("IntraSeed", CodecTemplate.render(Genome.intraSeed(), "IntraSeed"));
        sources.put("InterSeed", CodecTemplate.render(Genome.interSeed(), "InterSeed"));
        Map<String, byte[]> classes = CompilingEvaluator.compileAll(sources);
        assertThat(classes.keySet()).containsAll(sources.keySet());
    }

    @Test
    void genomeIsRecoveredFromTheRenderedSource() {
        Random r = new Random(2);
        for (int i = 0; i < 20; i++) {
            Genome g = Genome.random(r);
            assertThat(CodecTemplate.genomeOf(CodecTemplate.render(g))).contains(g);
        }
        assertThat(CodecTemplate.genomeOf("public class X implements Codec {}")).isEmpty();
    }

    @Test
    void structuralSwitchesChangeTheCodeNotOnlyConstants() {
        String intra = CodecTemplate.render(Genome.intraSeed());
        String inter = CodecTemplate.render(Genome.interSeed());
        assertThat(intra).doesNotContain("predictInter").doesNotContain("shiftLow").doesNotContain("//#");
        assertThat(inter).contains("void predictInter(");
        Genome arith = new Genome(8, 8, 0, 0.5, 1, 1, false, 16, 0, 1, 1, 2, Genome.Entropy.ARITH_POSITIONAL);
        assertThat(CodecTemplate.render(arith)).contains("void shiftLow()").contains("static void deblock(").contains("Math.min(k, 63)");
    }

    @Test
    void everyDesignRoundTripsAndBitrateGrowsWithQuality() {
        CompilingEvaluator ev = new CompilingEvaluator(64, 48, 4);
        Random r = new Random(3);
        for (int i = 0; i < 8; i++) {
            Genome g = i == 0 ? Genome.interSeed() : Genome.random(r);
            Evaluator.Result res = ev.evaluate(CodecTemplate.render(g));
            assertThat(res).as(g.describe()).isInstanceOf(Evaluator.Result.Measured.class);
            var pts = ((Evaluator.Result.Measured) res).evaluation().clips().getFirst().points();
            assertThat(pts.getLast().bytes()).as(g.describe()).isGreaterThan(pts.getFirst().bytes());
            assertThat(pts.getLast().psnrY()).as(g.describe()).isGreaterThan(pts.getFirst().psnrY());
            if (g.downscale() == 1 && g.stepScale() <= 12) { // a fine step at full resolution must give good quality
                assertThat(pts.getLast().psnrY()).as(g.describe()).isGreaterThan(30);
            }
        }
    }

    @Test
    void brokenSourceIsACompileError() {
        CompilingEvaluator ev = new CompilingEvaluator(32, 32, 2);
        Evaluator.Result res = ev.evaluate("public class Bad implements codeclab.codec.Codec { int x = ; }");
        assertThat(res).isInstanceOfSatisfying(Evaluator.Result.Failed.class, f -> assertThat(f.kind()).isEqualTo(OutcomeKind.COMPILE_ERROR));
    }
}
