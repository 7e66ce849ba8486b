package codeclab.media.y4m;

import codeclab.codec.Frame;
import codeclab.media.Clip;
import codeclab.media.ClipFormatException;
import codeclab.media.ClipMetadata;
import codeclab.media.ColourRange;
import codeclab.media.Interlace;
import codeclab.media.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Y4mTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsFramesAndEveryTag() throws IOException {
        ClipMetadata meta = new ClipMetadata(ColourRange.FULL, Interlace.TOP_FIRST, "420mpeg2", "128:117",
                List.of("YSCSS=420MPEG2", "FOO=bar"), "test");
        Clip clip = TestClips.patternedClip("rt", 8, 6, 3, meta);
        Path file = dir.resolve("rt.y4m");
        Y4mWriter.write(file, clip);

        String headerLine = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).lines().findFirst().orElseThrow();
        assertThat(headerLine).isEqualTo("YUV4MPEG2 W8 H6 F30:1 It A128:117 C420mpeg2 XCOLORRANGE=FULL XYSCSS=420MPEG2 XFOO=bar");
        assertThat(Files.size(file)).isEqualTo(headerLine.length() + 1 + 3 * (6 + 8 * 6 * 3 / 2));

        Clip back = Y4mReader.read(file);
        assertThat(back.name()).isEqualTo("rt");
        assertThat(back.frames()).containsExactlyElementsOf(clip.frames());
        assertThat(back.contentHash()).isEqualTo(clip.contentHash());
        assertThat(back.metadata().withSource("test")).isEqualTo(meta);

        Path again = dir.resolve("again.y4m");
        Y4mWriter.write(again, back);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void readsAHandWrittenFileWithFrameParameters() {
        byte[] body = concat("YUV4MPEG2 W2 H2 F25:1\nFRAME Ixyz\n".getBytes(StandardCharsets.US_ASCII),
                new byte[] {1, 2, 3, 4, 5, 6}, "FRAME\n".getBytes(StandardCharsets.US_ASCII), new byte[] {9, 9, 9, 9, 8, 7});
        try (Y4mReader r = Y4mReader.open("mem", new ByteArrayInputStream(body))) {
            assertThat(r.header().fpsNum()).isEqualTo(25);
            assertThat(r.header().chroma()).isNull();
            List<Frame> frames = new ArrayList<>();
            r.forEach(frames::add);
            assertThat(frames).hasSize(2);
            assertThat(frames.get(0).y()).containsExactly(1, 2, 3, 4);
            assertThat(frames.get(0).u()).containsExactly(5);
            assertThat(frames.get(1).v()).containsExactly(7);
        }
    }

    @Test
    void streamingWriterAndReaderAgree() {
        Y4mHeader h = new Y4mHeader(4, 2, 30000, 1001, Interlace.PROGRESSIVE, null, "420jpeg", ColourRange.LIMITED, List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Y4mWriter w = Y4mWriter.open("mem", out, h)) {
            for (int i = 0; i < 5; i++) {
                w.write(TestClips.patterned(4, 2, i));
            }
        }
        try (Y4mReader r = Y4mReader.open("mem", new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(r.header()).isEqualTo(h);
            assertThat(r.readAll()).hasSize(5).element(4).isEqualTo(TestClips.patterned(4, 2, 4));
        }
    }

    @Test
    void truncatedFrameNamesFileAndFrame() throws IOException {
        Path file = dir.resolve("t.y4m");
        Y4mWriter.write(file, TestClips.patternedClip("t", 8, 6, 2, ClipMetadata.of("t")));
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 10));
        assertThatThrownBy(() -> Y4mReader.read(file)).isInstanceOf(ClipFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated frame 1 (62 of 72 bytes");
    }

    @Test
    void badInputsGiveOneLineMessages() throws IOException {
        assertBad("YUV4MPEG2 W8 H6 F30:1 C444\nFRAME\n", "unsupported colourspace C444");
        assertBad("YUV4MPEG2 W8 H6 F30:1 C420p10\nFRAME\n", "unsupported colourspace C420p10");
        assertBad("YUV4MPEG2 W8 H6 F30:1 Cmono\nFRAME\n", "unsupported colourspace Cmono");
        assertBad("YUV4MPEG2 W7 H6 F30:1\nFRAME\n", "odd dimensions 7x6");
        assertBad("YUV4MPEG2 W8 F30:1\nFRAME\n", "lacks the height tag H");
        assertBad("YUV4MPEG2 W8 H6\nFRAME\n", "lacks the frame-rate tag F");
        assertBad("YUV4MPEG2 W8 H6 F30:0\n", "frame rate F 30:0 must be a positive ratio");
        assertBad("YUV4MPEG2 W8 H6 F30:1\n", "zero frames");
        assertBad("RIFF....WAVEfmt \n", "not a y4m file");
        assertBad("", "empty file");
        assertBad("YUV4MPEG2 W8 H6 F30", "header ends without a newline");
        assertBad("YUV4MPEG2 W8 H6 F30:1\nFRAMX\n", "frame 0 does not start with FRAME");
        assertBad("YUV4MPEG2 W8 H6 F30:1 XCOLORRANGE=WIDE\n", "XCOLORRANGE=WIDE is not FULL or LIMITED");
    }

    @Test
    void missingFileIsAClipFormatError() {
        Path missing = dir.resolve("nope.y4m");
        assertThatThrownBy(() -> Y4mReader.read(missing)).isInstanceOf(ClipFormatException.class)
                .hasMessage(missing + ": no such file");
    }

    private void assertBad(String content, String expected) throws IOException {
        Path file = dir.resolve("bad.y4m");
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Y4mReader.read(file)).isInstanceOf(ClipFormatException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
