package codeclab.media;

import codeclab.media.synthetic.SyntheticClips;
import codeclab.media.synthetic.SyntheticSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClipLibraryTest {

    @TempDir
    Path tmp;

    @Test
    void generateSetThenListAndLoadGiveTheSameClips() {
        ClipLibrary lib = new ClipLibrary(tmp.resolve("clips"));
        List<ClipInfo> made = lib.generateSet("tiny");
        assertThat(made).extracting(ClipInfo::name).containsExactly("tiny-1");
        ClipInfo info = lib.list().get(0);
        assertThat(info).isEqualTo(made.get(0));
        assertThat(info.width()).isEqualTo(64);
        assertThat(info.frameCount()).isEqualTo(4);
        assertThat(info.fileBytes()).isGreaterThan(4L * 64 * 48 * 3 / 2);
        assertThat(info.contentHash()).isEqualTo(SyntheticClips.set("tiny").get(0).contentHash());

        Clip loaded = lib.load("tiny-1");
        assertThat(loaded.contentHash()).isEqualTo(info.contentHash());
        assertThat(lib.load(info.path().toString()).contentHash()).isEqualTo(info.contentHash());
    }

    @Test
    void generateOneClipWithSizeFramesAndSeed() {
        ClipLibrary lib = new ClipLibrary(tmp);
        ClipInfo a = lib.generate("mine", SyntheticSpec.of(176, 144, 3, 99));
        assertThat(a.path()).isEqualTo(tmp.resolve("mine.y4m"));
        assertThat(a.contentHash()).isEqualTo(SyntheticClips.generate("x", SyntheticSpec.of(176, 144, 3, 99)).contentHash());
        assertThatThrownBy(() -> lib.generate("../evil", SyntheticSpec.of(176, 144, 3, 1))).hasMessageContaining("must match");
    }

    @Test
    void importsAnMp4AsY4mUnderADerivedName() throws Exception {
        Path mp4 = tmp.resolve("My Clip.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=128x96:rate=30",
                "-frames:v", "6", "-pix_fmt", "yuv420p", "-c:v", "libx264", mp4.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        ClipLibrary lib = new ClipLibrary(tmp.resolve("clips"));
        ClipInfo info = lib.importFile(mp4, null);
        assertThat(info.name()).isEqualTo("My-Clip");
        assertThat(info.path().getFileName().toString()).isEqualTo("My-Clip.y4m");
        assertThat(List.of(info.width(), info.height(), info.frameCount(), info.fpsNum(), info.fpsDen()))
                .containsExactly(128, 96, 6, 30, 1);
        assertThat(lib.load("My-Clip").metadata().source()).isEqualTo("My-Clip.y4m");
        assertThat(Files.readString(info.path(), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("YUV4MPEG2 W128 H96 F30:1");
    }

    @Test
    void resolvingAnUnknownNameListsTheKnownOnes() {
        ClipLibrary lib = new ClipLibrary(tmp);
        lib.generate("one", SyntheticSpec.of(16, 16, 1, 1));
        assertThatThrownBy(() -> lib.resolve("two")).isInstanceOf(ClipFormatException.class)
                .hasMessageContaining("two: no such clip").hasMessageContaining("known clips: [one]");
    }
}
