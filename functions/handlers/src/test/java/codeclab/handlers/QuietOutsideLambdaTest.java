package codeclab.handlers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside Lambda the handlers print nothing and leave no thread that keeps a JVM alive after main returns. */
class QuietOutsideLambdaTest {

    @Test
    void aLocalProgramCallingHandlersPrintsNothingAndExitsWhenMainReturns(@TempDir Path dir) throws Exception {
        assertQuietRun(dir, System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    }

    @Test
    void theLoopIsWiredWithoutJavaCvWhichOnlyTheExecuteFunctionGetsFromTheLayer(@TempDir Path dir) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String withoutJavaCv = java.util.Arrays.stream(cp.split(java.io.File.pathSeparator))
                .filter(e -> !e.contains("bytedeco")).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        assertThat(withoutJavaCv).isNotEqualTo(cp);
        assertQuietRun(dir, withoutJavaCv);
    }

    private static void assertQuietRun(Path dir, String classPath) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", classPath,
                QuietMain.class.getName(), dir.toString())).redirectErrorStream(true);
        pb.environment().remove("AWS_LAMBDA_FUNCTION_NAME");
        pb.environment().remove("CODEC_LAB_LOG_LEVEL");
        Process p = pb.start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            p.destroyForcibly();
        }
        assertThat(exited).as("the JVM exits once main returns").isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(output).isEmpty();
    }
}
