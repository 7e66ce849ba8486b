package codeclab.sandbox;

import codeclab.sandbox.ValidationOutcome.BadOutput;
import codeclab.sandbox.ValidationOutcome.CompileError;
import codeclab.sandbox.ValidationOutcome.Crash;
import codeclab.sandbox.ValidationOutcome.ForbiddenApi;
import codeclab.sandbox.ValidationOutcome.LiteralDataLimit;
import codeclab.sandbox.ValidationOutcome.NoCompression;
import codeclab.sandbox.ValidationOutcome.Ok;
import codeclab.sandbox.ValidationOutcome.OutOfMemory;
import codeclab.sandbox.ValidationOutcome.Timeout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Hostile and broken candidates (src/test/resources/corpus): each must end in exactly the expected outcome
 * class, and the host must be untouched: no canary file, no leaked secret, no process left, no hang.
 */
class AdversarialCorpusTest {

    static final String SECRET_NAME = "CODECLAB_FAKE_SECRET";
    static final Path CANARY = Path.of("/tmp/codeclab-canary-7f3a9c1e");
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    static Path workRoot;
    static Validator validator;

    @BeforeAll
    static void setUp() throws IOException {
        Files.deleteIfExists(CANARY);
        validator = new Validator(SandboxConfig.defaults().withHeapMb(64).withTimeout(TIMEOUT)
                .withMaxBitstreamBytes(1024 * 1024).withMaxLogBytes(8 * 1024).withWorkRoot(workRoot));
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                arguments("ReadFileNio", ForbiddenApi.class, "java.nio.file.Files.readAllBytes"),
                arguments("ReadFileIo", ForbiddenApi.class, "java.io.FileInputStream.<init>"),
                arguments("WriteFile", ForbiddenApi.class, "java.io.FileOutputStream.<init>"),
                arguments("OpenSocket", ForbiddenApi.class, "java.net.Socket"),
                arguments("ReadEnv", ForbiddenApi.class, "java.lang.System.getenv(Ljava/lang/String;)Ljava/lang/String;"),
                arguments("ReadSystemProperty", ForbiddenApi.class, "java.lang.System.getProperty"),
                arguments("SneakyPropertyRead", ForbiddenApi.class, "java.lang.Integer.getInteger"),
                arguments("Reflection", ForbiddenApi.class, "java.lang.Class.forName"),
                arguments("StringBuiltClassName", ForbiddenApi.class, "java.lang.Class.forName"),
                arguments("GetClassMethods", ForbiddenApi.class, "java.lang.Class.getDeclaredMethods"),
                arguments("MethodHandlesExit", ForbiddenApi.class, "java.lang.invoke.MethodHandles.lookup"),
                arguments("CustomClassLoader", ForbiddenApi.class, "java.lang.ClassLoader"),
                arguments("UnsafeAccess", ForbiddenApi.class, "sun.misc.Unsafe"),
                arguments("StartThread", ForbiddenApi.class, "java.lang.Thread"),
                arguments("Executor", ForbiddenApi.class, "java.util.concurrent.Executors"),
                arguments("ParallelStream", ForbiddenApi.class, "parallelStream"),
                arguments("ParallelViaSubclass", ForbiddenApi.class, "inherited from java.util.ArrayList"),
                arguments("ParallelSort", ForbiddenApi.class, "java.util.Arrays.parallelSort"),
                arguments("SystemExit", ForbiddenApi.class, "java.lang.System.exit(I)V"),
                arguments("RuntimeHalt", ForbiddenApi.class, "java.lang.Runtime"),
                arguments("SpawnProcess", ForbiddenApi.class, "java.lang.ProcessBuilder"),
                arguments("ReachSourceClip", ForbiddenApi.class, "java.io.File.<init>"),
                arguments("StdinSniffer", ForbiddenApi.class, "java.lang.System.in"),
                arguments("StaticInitEnv", ForbiddenApi.class, "StaticInitEnv.<clinit>"),
                arguments("LambdaHidden", ForbiddenApi.class, "java.lang.System.exit"),
                arguments("MethodRefHidden", ForbiddenApi.class, "java.lang.System.exit"),
                arguments("InnerClassHidden", ForbiddenApi.class, "java.lang.Runtime"),
                arguments("AnonymousHidden", ForbiddenApi.class, "java.io.FileWriter"),
                arguments("InterfaceDefaultHidden", ForbiddenApi.class, "java.lang.System.getenv"),
                arguments("Serialization", ForbiddenApi.class, "java.io.ObjectOutputStream"),
                arguments("FinalizerTrick", ForbiddenApi.class, "finalizers are forbidden"),
                arguments("CleanerTrick", ForbiddenApi.class, "java.lang.ref.Cleaner"),
                arguments("InternBomb", ForbiddenApi.class, "java.lang.String.intern"),
                arguments("ClassValueTrick", ForbiddenApi.class, "java.lang.ClassValue"),
                arguments("ClockDependent", ForbiddenApi.class, "java.lang.System.nanoTime"),
                arguments("NativeMethod", ForbiddenApi.class, "native methods are forbidden"),
                arguments("ClassLiteral", ForbiddenApi.class, "java.lang.Runtime"),
                arguments("InfiniteLoop", Timeout.class, "did not finish within 3.0 s"),
                arguments("CatchStackOverflow", Timeout.class, "did not finish within"),
                arguments("EndlessStdout", Timeout.class, "did not finish within"),
                arguments("DeepRecursion", Crash.class, "StackOverflowError"),
                arguments("StaticInitThrows", Crash.class, "static initializer failed: java.lang.ArithmeticException"),
                arguments("EncoderThrows", Crash.class, "encoder.encode threw at quality 20, frame 0"),
                arguments("AllocationBomb", OutOfMemory.class, "ran out of its 64 MiB heap"),
                arguments("HugeArray", OutOfMemory.class, "ran out of its 64 MiB heap"),
                arguments("WrongFrameSize", BadOutput.class, "returned a 16x16 frame"),
                arguments("TooFewFrames", BadOutput.class, "returned null at frame 2"),
                arguments("NullBitstream", BadOutput.class, "finish() returned null"),
                arguments("OversizedBitstream", BadOutput.class, "the limit is 1048576 bytes"),
                arguments("ChattyButCorrect", Ok.class, "smoke run passed"),
                arguments("EmptyStream", NoCompression.class, "empty bitstream at quality 20"),
                arguments("RawSized", NoCompression.class, "at least as large as the raw 4:2:0 clip (4608 bytes"),
                arguments("StreamBlind", NoCompression.class, "the decoder's output ignores its stream"),
                arguments("EmbeddedClip", LiteralDataLimit.class, "the limit is 16384 bytes"),
                arguments("NoCodecClass", CompileError.class, "must implement codeclab.codec.Codec"),
                arguments("SyntaxError", CompileError.class, "line 6"),
                arguments("PrivateConstructor", CompileError.class, "public no-argument constructor"),
                arguments("PackageSpoof", CompileError.class, "package codeclab.codec is not allowed"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("corpus")
    void hostileCandidateGetsItsOutcomeAndLeavesTheHostUntouched(String name, Class<?> expected, String detail) {
        assertThat(System.getenv(SECRET_NAME)).as("surefire sets the fake secret").isNotBlank();
        long t0 = System.nanoTime();

        ValidationOutcome out = validator.validate(TestSources.read("corpus/" + name + ".java"));

        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(out).as(out.message()).isInstanceOf(expected);
        assertThat(out.message()).contains(detail);
        assertHostUntouched(out, seconds);
    }

    @Test
    void forbiddenReferencesNameTheSourceLine() {
        ForbiddenApi out = (ForbiddenApi) validator.validate(TestSources.read("corpus/ReadEnv.java"));
        // The getenv call is on line 22 of ReadEnv.java.
        assertThat(out.violations()).anySatisfy(v -> {
            assertThat(v.line()).isEqualTo(22);
            assertThat(v.symbol()).isEqualTo("java.lang.System.getenv(Ljava/lang/String;)Ljava/lang/String;");
            assertThat(v.where()).isEqualTo("ReadEnv$1.finish");
        });
    }

    @Test
    void theCorpusHasAtLeast25Candidates() {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(25);
    }

    static void assertHostUntouched(ValidationOutcome out, double seconds) {
        assertThat(CANARY).as("canary file outside the sandbox").doesNotExist();
        assertThat(out.message()).doesNotContain(System.getenv(SECRET_NAME));
        assertThat(TestProcesses.leftovers()).as("processes left behind (the warm compiler processes aside)").isEmpty();
        assertThat(seconds).as("host waited at most timeout x 2 processes + margin").isLessThan(2 * 3 + 10);
        try (Stream<Path> left = Files.list(workRoot)) {
            List<String> names = left.map(p -> p.getFileName().toString()).toList();
            assertThat(names).as("per-run directories are deleted").allMatch(n -> n.startsWith("codeclab-runtime-")
                    || n.startsWith("codeclab-compiler-"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
