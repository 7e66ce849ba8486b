package codeclab.codec.reference;

import codeclab.codec.Codec;
import codeclab.codec.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Speed and RD figures on 60 frames of 352x288: run with -Dcodec.bench=true -Dtest=ReferenceCodecBenchmark. */
@EnabledIfSystemProperty(named = "codec.bench", matches = "true")
class ReferenceCodecBenchmark {

    @Test
    void printRateDistortionAndSpeed() {
        List<Frame> clip = TestClips.movingScene(352, 288, 60, 2, 42);
        for (Codec codec : new Codec[] {new IntraDctCodec(), new InterCodec(), new IntraDctCodec(), new InterCodec()}) {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long t0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            StringBuilder sb = new StringBuilder(codec.getClass().getSimpleName());
            for (int q : new int[] {10, 30, 50, 70, 90}) {
                TestClips.Result r = TestClips.roundTrip(codec, clip, q);
                double kbps = r.bits().length * 8.0 * 30 / clip.size() / 1000;
                sb.append(String.format(" | q%d %.0f kbps %.2f dB", q, kbps, r.psnrY()));
            }
            sb.append(String.format(" | 5 points enc+dec %.2f s wall, %.2f s cpu",
                    (System.nanoTime() - t0) / 1e9, (mx.getCurrentThreadCpuTime() - c0) / 1e9));
            System.out.println(sb);
        }
    }
}
