package codeclab.media.synthetic;

import codeclab.codec.Frame;
import codeclab.media.Clip;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticClipsTest {

    private static final SyntheticSpec CIF = SyntheticSpec.of(352, 288, 30, 42);

    @Test
    void sameSeedSameHashDifferentSeedDifferentHash() {
        SyntheticSpec small = SyntheticSpec.of(176, 144, 8, 7);
        String a = SyntheticClips.generate("a", small).contentHash();
        String b = SyntheticClips.generate("b", small).contentHash();
        String c = SyntheticClips.generate("a", SyntheticSpec.of(176, 144, 8, 8)).contentHash();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void cifClipHasThirtyFramesAtItsSize() {
        // how fast the generator is belongs in a benchmark, not in an assertion a loaded build machine can fail
        Clip clip = SyntheticClips.generate("c", CIF);
        assertThat(clip.frameCount()).isEqualTo(30);
        assertThat(clip.width()).isEqualTo(352);
        assertThat(clip.height()).isEqualTo(288);
    }

    @Test
    void sceneCutDiffersStronglyWhileOrdinaryConsecutiveFramesAreSimilar() {
        for (long seed : new long[] {42, 43, 44}) {
            SyntheticClips.Plan plan = new SyntheticClips.Plan(SyntheticSpec.of(176, 144, 30, seed));
            assertThat(plan.cut).isBetween(10, 22);
            List<Frame> frames = new ArrayList<>();
            for (int t = 0; t < 30; t++) {
                frames.add(plan.frame(t, true));
            }
            double cutDiff = meanAbsDiff(frames.get(plan.cut - 1), frames.get(plan.cut));
            double worstOrdinary = 0;
            for (int t = 1; t < 30; t++) {
                if (t != plan.cut) {
                    worstOrdinary = Math.max(worstOrdinary, meanAbsDiff(frames.get(t - 1), frames.get(t)));
                }
            }
            assertThat(cutDiff).as("seed %d: cut %.1f vs ordinary %.1f", seed, cutDiff, worstOrdinary)
                    .isGreaterThan(20).isGreaterThan(3 * worstOrdinary);
            // Motion is real: consecutive frames are not the same picture.
            assertThat(meanAbsDiff(frames.get(0), frames.get(1))).isGreaterThan(1.0);
        }
    }

    @Test
    void everyClipHasFlatAreasAndHighlyTexturedAreas() {
        Frame f = SyntheticClips.generate("c", SyntheticSpec.of(352, 288, 2, 5)).frames().get(0);
        int flat = 0, busy = 0, blocks = 0;
        for (int by = 0; by + 16 <= 288; by += 16) {
            for (int bx = 0; bx + 16 <= 352; bx += 16) {
                double sd = blockStdDev(f, bx, by);
                blocks++;
                if (sd < 3.5) flat++;
                if (sd > 12) busy++;
            }
        }
        assertThat(flat).as("flat 16x16 blocks").isGreaterThan(blocks / 10);
        assertThat(busy).as("textured 16x16 blocks").isGreaterThan(blocks / 10);
    }

    @Test
    void grainIsSmallZeroMeanNoiseThatDiffersPerFrame() {
        SyntheticClips.Plan plan = new SyntheticClips.Plan(CIF);
        Frame clean = plan.frame(3, false), grainy = plan.frame(3, true);
        assertThat(grainy.sameSamples(clean)).isFalse();
        double mean = 0, sq = 0;
        int n = clean.y().length;
        for (int i = 0; i < n; i++) {
            int d = (grainy.y()[i] & 0xFF) - (clean.y()[i] & 0xFF);
            mean += d;
            sq += d * d;
        }
        mean /= n;
        double sd = Math.sqrt(sq / n - mean * mean);
        assertThat(Math.abs(mean)).isLessThan(0.2);
        assertThat(sd).isBetween(0.7, 3.0);
        // The grain pattern of two frames is different noise, not a fixed overlay.
        Frame clean4 = plan.frame(4, false), grainy4 = plan.frame(4, true);
        int same = 0;
        for (int i = 0; i < n; i++) {
            int d3 = (grainy.y()[i] & 0xFF) - (clean.y()[i] & 0xFF);
            int d4 = (grainy4.y()[i] & 0xFF) - (clean4.y()[i] & 0xFF);
            if (d3 == d4 && d3 != 0) same++;
        }
        assertThat(same).isLessThan(n / 5);
    }

    @Test
    void namedSetsHaveTheAdvertisedShapeAndNamesThatRevealNothing() {
        List<Clip> synthetic = SyntheticClips.set("synthetic");
        assertThat(synthetic).extracting(Clip::name).containsExactly("synthetic-1", "synthetic-2");
        assertThat(synthetic).allSatisfy(c -> {
            assertThat(c.header().width()).isEqualTo(352);
            assertThat(c.header().height()).isEqualTo(288);
            assertThat(c.frameCount()).isEqualTo(30);
            assertThat(c.header().fps()).isEqualTo(30.0);
            assertThat(c.metadata().source()).isEqualTo("synthetic");
            assertThat(SyntheticClips.isSynthetic(c)).isTrue();
        });
        assertThat(synthetic.get(0).contentHash()).isNotEqualTo(synthetic.get(1).contentHash());
        Clip tiny = SyntheticClips.set("tiny").get(0);
        assertThat(tiny.width()).isEqualTo(64);
        assertThat(tiny.frameCount()).isEqualTo(4);
        assertThatThrownBy(() -> SyntheticClips.set("nope")).hasMessageContaining("known sets: [synthetic, tiny]");
    }

    @Test
    void allProjectSizesGenerate() {
        for (int[] size : SyntheticClips.SIZES) {
            Clip c = SyntheticClips.generate("s", SyntheticSpec.of(size[0], size[1], 2, 9));
            assertThat(c.width()).isEqualTo(size[0]);
            assertThat(c.height()).isEqualTo(size[1]);
        }
    }

    static double meanAbsDiff(Frame a, Frame b) {
        long sum = 0;
        for (int i = 0; i < a.y().length; i++) {
            sum += Math.abs((a.y()[i] & 0xFF) - (b.y()[i] & 0xFF));
        }
        return (double) sum / a.y().length;
    }

    private static double blockStdDev(Frame f, int bx, int by) {
        double s = 0, s2 = 0;
        for (int y = by; y < by + 16; y++) {
            for (int x = bx; x < bx + 16; x++) {
                int v = f.y()[y * f.width() + x] & 0xFF;
                s += v;
                s2 += v * v;
            }
        }
        double m = s / 256;
        return Math.sqrt(Math.max(0, s2 / 256 - m * m));
    }
}
