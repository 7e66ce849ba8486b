package codeclab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {

    @TempDir
    Path dir;

    static final String GOOD = """
            import codeclab.codec.*;
            public final class Grey implements Codec {
                public Encoder encoder(StreamHeader h, int q) {
                    return new Encoder() {
                        final byte[] means = new byte[h.frameCount()];
                        int n;
                        public void encode(Frame f) { long s = 0; for (byte y : f.y()) s += y & 0xFF; means[n++] = (byte) (s / f.y().length); }
                        public byte[] finish() { return means; }
                    };
                }
                public Decoder decoder(StreamHeader h, byte[] b) {
                    int[] k = {0};
                    return () -> { Frame f = Frame.grey(h.width(), h.height()); java.util.Arrays.fill(f.y(), b[k[0]++]); return f; };
                }
            }
            """;

    record Run(int code, String out) {
    }

    private Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Main.commandLine().execute(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void aValidCodecExitsZeroAndReportsOkAsJson() throws Exception {
        Path file = Files.writeString(dir.resolve("Grey.java"), GOOD);
        Run r = run("validate", "--codec", file.toString(), "--json");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("\"outcome\" : \"OK\"").contains("\"className\" : \"Grey\"")
                .contains("\"codecSize\"", "\"literalDataBytes\"", "\"maxLiteralDataBytes\" : 16384", "\"osWall\"");
    }

    @Test
    void aForbiddenReferenceExitsOneAndNamesTheSymbol() throws Exception {
        Path file = Files.writeString(dir.resolve("Grey.java"), GOOD.replace("return means;",
                "return System.getenv(\"HOME\").getBytes();"));
        Run r = run("validate", "--codec", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("FORBIDDEN_API").contains("java.lang.System.getenv");
    }

    @Test
    void aMissingFileIsAUserError() {
        assertThat(run("validate", "--codec", dir.resolve("Nope.java").toString()).code()).isEqualTo(2);
    }
}
