package codeclab.media.bundled;

import codeclab.codec.Frame;
import codeclab.media.Clip;
import codeclab.media.ClipSets;
import codeclab.media.synthetic.SyntheticClips;
import codeclab.media.synthetic.SyntheticSpec;
import codeclab.media.y4m.Y4mWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundledClipsTest {

    @TempDir
    static Path cache;

    @Test
    void theDefaultSetsAreCutsOfRealFootageFromDifferentScenes() {
        List<Clip> dev = ClipSets.load("dev", cache);
        List<Clip> holdout = ClipSets.load("holdout", cache);
        assertThat(dev).extracting(Clip::name).containsExactly("dev-1", "dev-2");
        assertThat(holdout).extracting(Clip::name).containsExactly("holdout-1", "holdout-2");
        assertThat(dev).extracting(c -> c.width() + "x" + c.height()).containsExactly("352x288", "640x360");
        assertThat(holdout).extracting(c -> c.width() + "x" + c.height()).containsExactly("352x288", "640x360");
        assertThat(List.of(dev, holdout)).allSatisfy(set -> assertThat(set).allSatisfy(c -> {
            assertThat(c.frameCount()).isEqualTo(30);
            assertThat(c.header().fps()).isEqualTo(24.0);
            assertThat(SyntheticClips.isSynthetic(c)).isFalse();
            assertThat(c.metadata().source()).contains("Blender Foundation, CC-BY 3.0; H.264 source");
            assertThat(temporalChange(c)).as("real footage moves: %s", c.name()).isGreaterThan(0.1);
        }));
        // held-out cuts are other scenes: no frame of a held-out clip equals one of a dev clip
        ClipSets.checkHoldout("holdout", holdout, dev);
        assertThat(dev.get(0).metadata().source()).startsWith("Sintel");
        assertThat(holdout).allSatisfy(h -> assertThat(h.metadata().source()).doesNotStartWith("Sintel"));
    }

    @Test
    void aCutIsDecodedOnceAndThenReadFromTheCacheWithTheSameSamples() throws Exception {
        BundledClips.Cut cut = BundledClips.cuts("tiny-holdout").get(0);
        Path dir = cache.resolve("once");
        Clip first = BundledClips.load(cut, dir);
        assertThat(Files.list(dir).toList()).hasSize(1);
        Clip again = BundledClips.load(cut, dir);
        assertThat(again.contentHash()).isEqualTo(first.contentHash());
        assertThat(again.metadata().source()).isEqualTo(cut.source());
        assertThat(first.width()).isEqualTo(64);
        assertThat(first.frameCount()).isEqualTo(4);
    }

    @Test
    void aHeldOutSetRefusesGeneratedClipsAndClipsThatAreAlsoInDev() {
        List<Clip> dev = ClipSets.load("tiny-holdout", cache);
        List<Clip> synthetic = SyntheticClips.set("tiny");
        assertThatThrownBy(() -> ClipSets.checkHoldout("tiny", synthetic, dev))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("held-out clip tiny-1 (set 'tiny') is generated: a codec can re-implement the generator and"
                        + " send only its seed, so a generated clip cannot confirm anything; use real footage (the default"
                        + " 'holdout' set, or `clips import`)");
        assertThatThrownBy(() -> ClipSets.checkHoldout("same", List.of(dev.get(0).withName("copy")), dev))
                .hasMessageContaining("held-out set 'same' overlaps the dev clips: copy (same frames as dev clip tiny-holdout-1)");
    }

    @Test
    void aGeneratedClipStaysRecognisableAfterAY4mRoundTrip() {
        Clip generated = SyntheticClips.generate("g", SyntheticSpec.of(64, 48, 2, 3));
        Path file = cache.resolve("g.y4m");
        Y4mWriter.write(file, generated);
        Clip read = codeclab.media.y4m.Y4mReader.read(file, "renamed");
        assertThat(read.metadata().source()).isNotEqualTo("synthetic");
        assertThat(SyntheticClips.isSynthetic(read)).isTrue();
        assertThatThrownBy(() -> ClipSets.checkHoldout("mine", List.of(read), List.of())).hasMessageContaining("is generated");
    }

    @Test
    void anUnknownSetNameListsTheKnownOnes() {
        assertThatThrownBy(() -> ClipSets.load("nope", cache))
                .hasMessage("no clip set \"nope\"; known sets: dev, holdout, tiny-holdout, synthetic, tiny"
                        + " (or import your own with `codec-lab clips import FILE`)");
    }

    /** Mean absolute luma difference between consecutive frames. */
    private static double temporalChange(Clip c) {
        double sum = 0;
        long n = 0;
        for (int t = 1; t < c.frameCount(); t++) {
            Frame a = c.frames().get(t - 1), b = c.frames().get(t);
            for (int i = 0; i < a.y().length; i++) {
                sum += Math.abs((a.y()[i] & 0xFF) - (b.y()[i] & 0xFF));
                n++;
            }
        }
        return sum / n;
    }
}
