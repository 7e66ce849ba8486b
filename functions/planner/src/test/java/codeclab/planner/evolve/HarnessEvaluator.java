package codeclab.planner.evolve;

import codeclab.codec.Codec;
import codeclab.harness.Harness;
import codeclab.media.Clip;
import codeclab.planner.llm.SourceCheck;
import codeclab.sandbox.CompiledCodec;
import codeclab.sandbox.InProcessRunner;
import codeclab.sandbox.RunFailure;
import codeclab.core.OutcomeKind;

import java.util.List;
import java.util.Map;

/**
 * The real measurement for benchmarks: compiles the source in memory with javax.tools and runs it through
 * the {@link Harness} (RD sweep, PSNR/SSIM, BD-rate against measured x264 curves) on the given clips.
 *
 * <p>The codec runs in this JVM through {@link InProcessRunner}: acceptable only because the sources are
 * rendered by our own {@link DesignTemplate} (trusted code). Planner-written code goes through the sandbox.
 */
final class HarnessEvaluator implements Evaluator {

    private final Harness harness;
    private final List<Clip> clips;

    HarnessEvaluator(Harness harness, List<Clip> clips) {
        this.harness = harness;
        this.clips = List.copyOf(clips);
    }

    @Override
    public Result evaluate(String source) {
        String name = CompilingEvaluator.binaryName(source).orElse(null);
        if (name == null) {
            return new Result.Failed(OutcomeKind.COMPILE_ERROR, "no public class implementing Codec");
        }
        Map<String, byte[]> classes;
        try {
            classes = CompilingEvaluator.compileAll(Map.of(name, source));
        } catch (CompilingEvaluator.Failure f) {
            return new Result.Failed(f.kind, f.getMessage());
        }
        CompiledCodec compiled = new CompiledCodec(name, classes);
        ClassLoader loader = new ClassLoader(Codec.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String n) throws ClassNotFoundException {
                byte[] b = compiled.classes().get(n);
                if (b == null) {
                    throw new ClassNotFoundException(n);
                }
                return defineClass(n, b, 0, b.length);
            }
        };
        InProcessRunner runner = new InProcessRunner(() -> {
            try {
                return (Codec) loader.loadClass(name).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot instantiate " + name + ": " + e, e);
            }
        });
        try {
            return new Result.Measured(harness.evaluate(compiled, runner, clips));
        } catch (RunFailure f) {
            return new Result.Failed(f.kind(), f.getMessage());
        }
    }
}
