package codeclab.codec.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReferenceCodecsTest {

    private static final List<Frame> SCENE = TestClips.movingScene(176, 144, 8, 2, 7);

    static Stream<Codec> codecs() {
        return Stream.of(new IntraDctCodec(), new InterCodec(), new HybridCodec());
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTripGivesTheRightFrameCountAndSizeEvenForSizesNotMultipleOfTheBlock(Codec codec) {
        List<Frame> clip = TestClips.movingScene(70, 38, 5, 1, 3);
        List<Frame> before = clip.stream().map(Frame::copy).toList();
        TestClips.Result r = TestClips.roundTrip(codec, clip, 60);
        assertThat(r.decoded()).hasSize(5).allSatisfy(f -> {
            assertThat(f.width()).isEqualTo(70);
            assertThat(f.height()).isEqualTo(38);
        });
        assertThat(clip).as("the encoder must not modify its input").isEqualTo(before);
        assertThat(r.psnrY()).isGreaterThan(33);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void psnrAndBytesRiseWithQualityOverAWideRange(Codec codec) {
        int[] qualities = {10, 30, 50, 70, 90};
        double[] psnr = new double[qualities.length];
        int[] bytes = new int[qualities.length];
        for (int i = 0; i < qualities.length; i++) {
            TestClips.Result r = TestClips.roundTrip(codec, SCENE, qualities[i]);
            psnr[i] = r.psnrY();
            bytes[i] = r.bits().length;
        }
        for (int i = 1; i < qualities.length; i++) {
            assertThat(psnr[i]).as("PSNR-Y at quality %d", qualities[i]).isGreaterThan(psnr[i - 1] + 1);
            assertThat(bytes[i]).as("bytes at quality %d", qualities[i]).isGreaterThan(bytes[i - 1]);
        }
        assertThat(psnr[0]).as("quality 10").isBetween(25.0, 33.0);
        // the top of the knob reaches high fidelity (HybridCodec's B frames sit a step or two coarser at 90: 42.8 dB)
        assertThat(TestClips.roundTrip(codec, SCENE, 100).psnrY()).as("quality 100").isGreaterThanOrEqualTo(44.0);
    }

    @Test
    void interCodecSpendsFarFewerBytesThanIntraOnAMovingPatternAtSimilarQuality() {
        List<Frame> clip = TestClips.movingScene(176, 144, 12, 0, 11);
        TestClips.Result intra = TestClips.roundTrip(new IntraDctCodec(), clip, 50);
        TestClips.Result inter = null;
        for (int q = 30; q <= 90; q += 5) {
            inter = TestClips.roundTrip(new InterCodec(), clip, q);
            if (inter.psnrY() >= intra.psnrY()) {
                break;
            }
        }
        assertThat(inter.psnrY()).isGreaterThanOrEqualTo(intra.psnrY());
        assertThat(inter.bits().length).isLessThan(intra.bits().length / 3);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void decodingATruncatedBitstreamThrowsInsteadOfHanging(Codec codec) {
        TestClips.Result r = TestClips.roundTrip(codec, SCENE, 50);
        StreamHeader header = new StreamHeader(176, 144, SCENE.size(), 30, 1);
        for (int keep : new int[] {0, 2, r.bits().length / 2, r.bits().length - 1}) {
            byte[] cut = Arrays.copyOf(r.bits(), keep);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> {
                Decoder d = codec.decoder(header, cut);
                for (int i = 0; i < SCENE.size(); i++) {
                    d.decode();
                }
            }).as("kept %d of %d bytes", keep, r.bits().length).isInstanceOf(RuntimeException.class));
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void qualityTravelsInTheBitstreamNotTheHeader(Codec codec) {
        // the decoder is never told the quality: decoding a q20 and a q80 stream with the same header works
        TestClips.Result low = TestClips.roundTrip(codec, SCENE, 20);
        TestClips.Result high = TestClips.roundTrip(codec, SCENE, 80);
        assertThat(high.psnrY()).isGreaterThan(low.psnrY() + 5);
        assertThat(low.bits()).isNotEqualTo(high.bits());
    }
}
