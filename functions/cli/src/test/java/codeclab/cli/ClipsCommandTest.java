package codeclab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ClipsCommandTest {

    @TempDir
    Path data;

    @Test
    void generateThenListAsJson() throws Exception {
        assertThat(run("clips", "generate", "--set", "tiny", "--data", data.toString())).contains("tiny-1");
        String json = run("clips", "list", "--json", "--data", data.toString());
        var rows = Json.MAPPER.readTree(json);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("name").asText()).isEqualTo("tiny-1");
        assertThat(rows.get(0).get("frames").asInt()).isEqualTo(4);
        assertThat(rows.get(0).get("hash").asText()).hasSize(64);
    }

    @Test
    void badFileIsOneLineAndNonZeroExit() throws Exception {
        Path bad = data.resolve("bad.y4m");
        Files.writeString(bad, "YUV4MPEG2 W7 H6 F30:1\n");
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("clips", "import", bad.toString(), "--data", data.toString());
        assertThat(code).isNotZero();
        assertThat(err.toString().strip()).isEqualTo("codec-lab: " + bad + ": bad y4m header: odd dimensions 7x6; 4:2:0 needs even width and height");
    }

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.commandLine().execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
