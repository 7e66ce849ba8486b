package codeclab.sandbox;

import codeclab.core.OutcomeKind;
import codeclab.sandbox.SandboxConfig.CompilerChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 17, item 1: the compiler runs in a child process with a wall-clock limit and a heap cap, and no shared lock. */
class CompilerChildTest {

    @TempDir
    Path workRoot;

    @Test
    void aCompilerBombHitsTheCompileLimitWithoutBlockingAnotherCandidate() throws Exception {
        // ECJ, the compiler on Lambda, where this source exhausts any heap; javac 25 gets through it in seconds.
        Validator v = new Validator(SandboxConfig.defaults().withCompiler(CompilerChoice.ECJ).withHeapMb(64)
                .withTimeout(Duration.ofSeconds(20)).withCompileLimits(Duration.ofSeconds(15), 256).withWorkRoot(workRoot));
        // Warm: the limit should measure the bomb, not a cold JVM.
        assertThat(v.validate(TestSources.read("good/NibbleCodec.java")).kind()).isEqualTo(OutcomeKind.OK);

        long t0 = System.nanoTime();
        CompletableFuture<ValidationOutcome> bomb = CompletableFuture.supplyAsync(
                () -> v.validate(TestSources.read("corpus/NestedLambdaBomb.java")));
        Thread.sleep(500);
        // Another candidate compiles meanwhile, in a compiler process of its own (a cold one: the warm one is busy).
        CompiledCodec good = v.compileAndVerify(TestSources.read("good/NibbleCodec.java"));
        double goodSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(good.className()).isEqualTo("NibbleCodec");
        assertThat(bomb).as("the other candidate compiled while the bomb was still compiling").isNotDone();

        ValidationOutcome out = bomb.join();
        double bombSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(out).as(out.message()).isInstanceOf(ValidationOutcome.CompileError.class);
        assertThat(out.message()).containsAnyOf("within 15.0 s (the compile time limit)", "256 MiB heap (the compile memory limit)");
        assertThat(bombSeconds).isLessThan(15 + 10).isGreaterThan(goodSeconds);
        assertThat(TestProcesses.leftovers()).isEmpty();
    }

    @Test
    void ecjCompilesInTheChildToo() {
        Validator v = new Validator(SandboxConfig.defaults().withCompiler(CompilerChoice.ECJ).withHeapMb(64)
                .withTimeout(Duration.ofSeconds(20)).withWorkRoot(workRoot));
        ValidationOutcome out = v.validate(TestSources.read("good/NibbleCodec.java"));
        assertThat(out.kind()).as(out.message()).isEqualTo(OutcomeKind.OK);
        assertThat(((ValidationOutcome.Ok) out).compiler()).isEqualTo("ecj");
        ValidationOutcome bad = v.validate(TestSources.read("corpus/SyntaxError.java"));
        assertThat(bad.kind()).isEqualTo(OutcomeKind.COMPILE_ERROR);
        assertThat(bad.message()).contains("line 6");
    }
}
