package codeclab.media.ffmpeg;

import codeclab.media.Clip;
import codeclab.media.ClipFormatException;
import codeclab.media.synthetic.SyntheticClips;
import codeclab.media.synthetic.SyntheticSpec;
import codeclab.media.y4m.Y4mReader;
import codeclab.media.y4m.Y4mWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FfmpegClipReaderTest {

    @TempDir
    Path dir;

    @Test
    void y4mThroughFfmpegEqualsOurY4mReader() {
        Clip clip = SyntheticClips.generate("s", SyntheticSpec.of(96, 64, 5, 3));
        Path file = dir.resolve("s.y4m");
        Y4mWriter.write(file, clip);
        Clip ours = Y4mReader.read(file);
        Clip theirs = FfmpegClipReader.read(file, "s");
        assertThat(theirs.header()).isEqualTo(ours.header());
        assertThat(theirs.contentHash()).isEqualTo(ours.contentHash()).isEqualTo(clip.contentHash());
    }

    @Test
    void mp4FromTheFfmpegCliImportsWithSizeCountAndRate() throws Exception {
        Path mp4 = dir.resolve("testsrc.mp4");
        // testsrc is RGB, so libx264 picks 4:4:4 here: the reader has to convert it to 4:2:0.
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=25", "-frames:v", "7", "-c:v", "libx264", mp4.toString());
        Clip clip = FfmpegClipReader.read(mp4, "t");
        assertThat(clip.width()).isEqualTo(160);
        assertThat(clip.height()).isEqualTo(120);
        assertThat(clip.frameCount()).isEqualTo(7);
        assertThat(clip.header().fpsNum() / (double) clip.header().fpsDen()).isEqualTo(25.0);
        // testsrc is not a flat picture: the planes carry content.
        assertThat(clip.frames().get(0).y()).contains((byte) 16).contains((byte) 235);
        assertThat(FfmpegClipReader.read(mp4, "t", 3).frameCount()).isEqualTo(3);
    }

    @Test
    void oddDimensionsAreRejectedWithTheFileName() throws Exception {
        Path odd = dir.resolve("odd.mkv");
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=65x49:rate=10", "-frames:v", "2", "-c:v", "ffv1", odd.toString());
        assertThatThrownBy(() -> FfmpegClipReader.read(odd, "o")).isInstanceOf(ClipFormatException.class)
                .hasMessageContaining(odd.toString()).hasMessageContaining("odd dimensions 65x49");
    }

    @Test
    void unreadableAndMissingFilesAreClipFormatErrors() throws IOException {
        Path junk = dir.resolve("junk.mp4");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> FfmpegClipReader.read(junk, "j")).isInstanceOf(ClipFormatException.class)
                .hasMessageStartingWith(junk + ": FFmpeg cannot open it as video");
        Path missing = dir.resolve("none.mp4");
        assertThatThrownBy(() -> FfmpegClipReader.read(missing, "m")).isInstanceOf(ClipFormatException.class)
                .hasMessage(missing + ": no such file");
    }

    static void ffmpeg(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("ffmpeg %s: %s", cmd, out).isZero();
    }
}
