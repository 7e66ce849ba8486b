package codeclab.media.ffmpeg;

import codeclab.codec.Frame;
import codeclab.media.Clip;
import codeclab.media.synthetic.SyntheticClips;
import codeclab.media.synthetic.SyntheticSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class X264BaselineTest {

    private static Clip clip;
    private static List<X264Point> points;

    @BeforeAll
    static void encodeOnce() {
        clip = SyntheticClips.generate("b", SyntheticSpec.of(176, 144, 10, 11));
        points = new X264Baseline().run(clip);
    }

    @Test
    void oneRecordPerCrfAndBytesFallStrictlyAsCrfRises() {
        assertThat(points).extracting(X264Point::crf).containsExactly(18, 23, 28, 33, 38);
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).bytes()).as("bytes at CRF %d", points.get(i).crf())
                    .isLessThan(points.get(i - 1).bytes());
        }
        assertThat(points).allSatisfy(p -> {
            assertThat(p.bytes()).isPositive().isLessThan(p.streamBytes());
            assertThat(p.encodeNanos()).isPositive();
            assertThat(p.decodeNanos()).isPositive();
        });
    }

    @Test
    void theEncoderIsLibx264InCrfModeWithPresetMedium() {
        X264Point p = points.get(1);
        assertThat(p.x264Options()).contains("x264 - core").contains("rc=crf").contains("crf=23.0")
                // preset medium: 3 B-frames, 3 reference frames, subme 7
                .contains("bframes=3").contains("ref=3").contains("subme=7");
    }

    @Test
    void decodedFramesMatchCountSizeAndAreCloseToTheSourceAtCrf18() {
        for (X264Point p : points) {
            assertThat(p.decoded()).hasSize(clip.frameCount());
            assertThat(p.decoded()).allSatisfy(f -> {
                assertThat(f.width()).isEqualTo(176);
                assertThat(f.height()).isEqualTo(144);
            });
        }
        double mse18 = mse(clip.frames(), points.get(0).decoded());
        double mse38 = mse(clip.frames(), points.get(4).decoded());
        assertThat(mse18).as("luma MSE at CRF 18").isPositive().isLessThan(12); // PSNR > 37 dB
        assertThat(mse38).as("luma MSE at CRF 38").isGreaterThan(3 * mse18);
    }

    @Test
    void fewerThanFourCrfPointsIsAConfigurationError() {
        assertThatThrownBy(() -> new X264Config("medium", List.of(20, 30, 40), 2)).hasMessageContaining("at least 4");
    }

    @Test
    void annexBWalkerCountsEverythingButSei() {
        byte[] s = {0, 0, 0, 1, 0x67, 1, 2, /* SEI */ 0, 0, 1, 0x06, 'x', 'y', /* slice */ 0, 0, 1, 0x65, 9, 9, 9};
        X264Baseline.AnnexB.Sizes sizes = X264Baseline.AnnexB.sizes(s);
        assertThat(sizes.withoutSei()).isEqualTo(s.length - 6);
        assertThat(sizes.seiText()).isEqualTo("\u0006xy");
    }

    static double mse(List<Frame> a, List<Frame> b) {
        double sum = 0;
        long n = 0;
        for (int k = 0; k < a.size(); k++) {
            byte[] x = a.get(k).y(), y = b.get(k).y();
            for (int i = 0; i < x.length; i++) {
                int d = (x[i] & 0xFF) - (y[i] & 0xFF);
                sum += d * d;
            }
            n += x.length;
        }
        return sum / n;
    }
}
