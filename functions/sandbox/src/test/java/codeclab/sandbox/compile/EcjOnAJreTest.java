package codeclab.sandbox.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ECJ on a runtime without jdk.compiler and without lib/ct.sym (what Lambda's java runtimes are), of a version other
 * than 21: a jlinked image of the JDK running the tests, in which a child JVM compiles and verifies every reference
 * codec with the ECJ path of {@link CandidateCompiler}. With {@code --release 21} hard-coded every source failed there.
 */
class EcjOnAJreTest {

    @Test
    void ecjCompilesTheReferenceCodecsOnAJreOfAnotherVersionWithoutCtSym(@TempDir Path dir) throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        int feature = Runtime.version().feature();
        Path jre = dir.resolve("jre");
        run(dir, List.of(jdk.resolve("bin/jlink").toString(), "--add-modules",
                "java.base,java.compiler,java.logging,java.management,java.xml,jdk.unsupported,jdk.zipfs",
                "--no-header-files", "--no-man-pages", "--output", jre.toString()), 300);
        assertThat(jre.resolve("lib/ct.sym")).doesNotExist();
        String modules = run(dir, List.of(jre.resolve("bin/java").toString(), "--list-modules"), 60);
        assertThat(modules).doesNotContain("jdk.compiler");
        assertThat(CandidateCompiler.releaseOptions(false, jre)).containsExactly("-source", "21", "-target", "21");
        assertThat(CandidateCompiler.releaseOptions(false, jdk)).containsExactly("--release", "21");

        String out = run(dir, List.of(jre.resolve("bin/java").toString(), "-cp", System.getProperty("java.class.path"),
                EcjOnAJreMain.class.getName(), dir.resolve("work").toString()), 300);
        assertThat(out).as("runtime " + feature).contains("compiler=ecj").contains("compiled ").doesNotContain("FAILED");
    }

    private static String run(Path dir, List<String> command, int seconds) throws Exception {
        Path log = Files.createTempFile(dir, "out", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command).replace(File.pathSeparator, " ") + "\n" + out).isZero();
        return out;
    }
}
