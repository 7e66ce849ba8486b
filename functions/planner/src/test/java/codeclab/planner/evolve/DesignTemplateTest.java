package codeclab.planner.evolve;

import codeclab.codec.seeds.ReferenceCodecs;
import codeclab.core.OutcomeKind;
import codeclab.planner.evolve.Design.Gene;
import codeclab.sandbox.CompiledCodec;
import codeclab.sandbox.SandboxConfig;
import codeclab.sandbox.compile.CandidateCompiler;
import codeclab.sandbox.verify.BytecodeVerifier;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DesignTemplateTest {

    @Test
    void theStrongSeedRendersTheHybridReferenceCodecByteForByte() {
        assertThat(DesignTemplate.render(Design.hybridSeed())).isEqualTo(ReferenceCodecs.asCandidate("HybridCodec"));
        assertThat(DesignTemplate.designOf(ReferenceCodecs.asCandidate("HybridCodec"))).contains(Design.hybridSeed());
    }

    @Test
    void seedsAreDistinctAndSayWhatTheyAre() {
        assertThat(Design.seeds()).doesNotHaveDuplicates().hasSize(3);
        assertThat(Design.intraSeed().intraOnly()).isTrue();
        assertThat(Design.interSeed().describe()).contains("half-pel bilinear").contains("16x16 only").contains("SAD decisions");
        assertThat(Design.hybridSeed().describe()).contains("quarter-pel 6-tap").contains("RD decisions").contains("boundary-strength");
    }

    @Test
    void designIsRecoveredFromTheRenderedSourceAndOnlyTheDesignBlockChanges() {
        Random r = new Random(2);
        String base = ReferenceCodecs.asCandidate("HybridCodec");
        for (int i = 0; i < 50; i++) {
            Design d = Design.random(r);
            String src = DesignTemplate.render(d);
            assertThat(DesignTemplate.designOf(src)).contains(d);
            String[] a = base.split("\n", -1);
            String[] b = src.split("\n", -1);
            assertThat(b).hasSameSizeAs(a);
            int changed = 0;
            for (int k = 0; k < a.length; k++) {
                if (!a[k].equals(b[k])) {
                    changed++;
                    assertThat(b[k]).startsWith("    static final ");
                }
            }
            assertThat(changed).isLessThanOrEqualTo(Gene.values().length);
        }
        assertThat(DesignTemplate.designOf("public class X implements Codec {}")).isEmpty();
        assertThat(DesignTemplate.designOf(base.replace("static final int ENTROPY = 2;", "static final int ENTROPY = two;"))).isEmpty();
    }

    @Test
    void valuesAreMadeLegal() {
        Design d = Design.hybridSeed().with(Gene.SUBPEL, 3.2).with(Gene.RD_LAMBDA, 99).with(Gene.KEY_INTERVAL, -4)
                .with(Gene.STEP_SCALE, Double.NaN);
        assertThat(d.getInt(Gene.SUBPEL)).isEqualTo(4);
        assertThat(d.get(Gene.RD_LAMBDA)).isEqualTo(0.5);
        assertThat(d.getInt(Gene.KEY_INTERVAL)).isEqualTo(1);
        assertThat(d.get(Gene.STEP_SCALE)).isEqualTo(0.5);
        assertThatThrownBy(() -> Design.of(Map.of(Gene.SUBPEL, 4))).hasMessageContaining("missing gene");
    }

    /**
     * The bad-input rule: no design may render invalid Java. 500 random designs and the mutants and
     * crossovers of the seeds are compiled by the project's candidate compiler and checked by its bytecode
     * verifier (allowlist and codec contract), exactly as validate does.
     */
    @Test
    void fiveHundredRandomDesignsAndTheirVariantsCompileAndPassTheBytecodeVerifier() throws Exception {
        SandboxConfig config = SandboxConfig.defaults();
        Path api = Path.of(codeclab.codec.Codec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        CandidateCompiler compiler = new CandidateCompiler(config, api);
        BytecodeVerifier verifier = new BytecodeVerifier(config);
        Random r = new Random(7);
        Map<Design, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < 500; i++) {
            Design d = Design.random(r);
            sources.put(d, DesignTemplate.render(d));
        }
        for (int i = 0; i < 60; i++) {
            Design a = Design.seeds().get(i % 3);
            Design b = Design.seeds().get((i + 1) % 3);
            Design child = DesignOperators.mutate(DesignOperators.crossover(a, b, r), r, new java.util.ArrayList<>());
            sources.put(child, DesignTemplate.render(child));
        }
        // Only the design block differs between renders, so sources sharing every value compile identically: compile
        // each distinct source once, and the rest through the compiler's own path anyway (javac, allowlist, contract).
        Map<String, CompiledCodec> compiled = new HashMap<>();
        for (Map.Entry<Design, String> e : sources.entrySet()) {
            CompiledCodec c = compiled.computeIfAbsent(e.getValue(), src -> {
                try {
                    return verifier.verify(compiler.compile(src));
                } catch (Exception ex) {
                    throw new AssertionError(e.getKey() + " renders a codec that fails validation: " + ex.getMessage(), ex);
                }
            });
            assertThat(c.className()).isIn("candidate.HybridCodec", "candidate/HybridCodec");
        }
        assertThat(compiled).hasSizeGreaterThan(500);
    }

    @Test
    void randomDesignsRoundTripAndBitsAndQualityRiseWithTheKnob() {
        CompilingEvaluator ev = new CompilingEvaluator(64, 48, 4);
        Random r = new Random(3);
        for (int i = 0; i < 10; i++) {
            Design d = i < 3 ? Design.seeds().get(i) : Design.random(r);
            Evaluator.Result res = ev.evaluate(DesignTemplate.render(d));
            assertThat(res).as(d.describe()).isInstanceOf(Evaluator.Result.Measured.class);
            var pts = ((Evaluator.Result.Measured) res).evaluation().clips().getFirst().points();
            assertThat(pts.getLast().bytes()).as(d.describe()).isGreaterThan(pts.getFirst().bytes());
            assertThat(pts.getLast().psnrY()).as(d.describe()).isGreaterThan(pts.getFirst().psnrY());
        }
    }

    @Test
    void brokenSourceIsACompileError() {
        CompilingEvaluator ev = new CompilingEvaluator(32, 32, 2);
        Evaluator.Result res = ev.evaluate("public class Bad implements codeclab.codec.Codec { int x = ; }");
        assertThat(res).isInstanceOfSatisfying(Evaluator.Result.Failed.class, f -> assertThat(f.kind()).isEqualTo(OutcomeKind.COMPILE_ERROR));
    }
}
