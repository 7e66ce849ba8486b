package codeclab.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad clips give one line naming the file and the problem, a non-zero exit code, and no stack trace. */
class BadInputTest {

    @TempDir
    Path dir;

    private static final String HEADER = "YUV4MPEG2 W16 H16 F25:1 Ip A1:1 C420jpeg\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "truncated   | truncated",
            "wrongheader | not",
            "zeroframes  | zero frames",
            "odddims     | odd",
            "missing     | ",
    })
    void metricsOnABadClipIsOneClearLine(String kind, String problem) throws Exception {
        Path bad = dir.resolve(kind + ".y4m");
        byte[] frame = new byte[16 * 16 * 3 / 2];
        switch (kind) {
            case "truncated" -> Files.write(bad, concat((HEADER + "FRAME\n").getBytes(StandardCharsets.US_ASCII), new byte[100]));
            case "wrongheader" -> Files.writeString(bad, "RIFF....WAVEfmt \n");
            case "zeroframes" -> Files.writeString(bad, HEADER);
            case "odddims" -> Files.write(bad, concat("YUV4MPEG2 W15 H16 F25:1 C420jpeg\nFRAME\n".getBytes(StandardCharsets.US_ASCII), frame));
            case "missing" -> { }
            default -> throw new IllegalArgumentException(kind);
        }
        Path good = dir.resolve("good.y4m");
        Files.write(good, concat((HEADER + "FRAME\n").getBytes(StandardCharsets.US_ASCII), frame));

        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("metrics", "--ref", good.toString(), "--dist", bad.toString(), "--data", dir.toString());

        String message = err.toString().strip();
        assertThat(code).isNotZero();
        assertThat(message.lines().count()).as(message).isEqualTo(1);
        assertThat(message).startsWith("codec-lab: ").contains(bad.getFileName().toString()).doesNotContain("\tat ");
        if (problem != null) {
            assertThat(message.toLowerCase()).contains(problem);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
