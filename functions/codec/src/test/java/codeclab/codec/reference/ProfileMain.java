package codeclab.codec.reference;

import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import java.nio.file.Path;
import java.util.List;

/** Scratch: encode/decode a y4m at a few qualities in-process, print bytes, PSNR-Y and times. */
public final class ProfileMain {
    public static void main(String[] args) throws Exception {
        List<Frame> clip = Y4m.read(Path.of(args[0]), 30);
        Frame f0 = clip.get(0);
        StreamHeader hd = new StreamHeader(f0.width(), f0.height(), clip.size(), 24, 1);
        for (String qs : args[1].split(",")) {
            int q = Integer.parseInt(qs);
            Codec c = new HybridCodec();
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long t0 = mx.getCurrentThreadCpuTime();
            Encoder e = c.encoder(hd, q);
            for (Frame f : clip) {
                e.encode(f);
            }
            byte[] bits = e.finish();
            long t1 = mx.getCurrentThreadCpuTime();
            Decoder d = new HybridCodec().decoder(hd, bits);
            double se = 0;
            for (Frame f : clip) {
                Frame r = d.decode();
                for (int i = 0; i < f.y().length; i++) {
                    int x = (f.y()[i] & 0xFF) - (r.y()[i] & 0xFF);
                    se += x * x;
                }
            }
            long t2 = mx.getCurrentThreadCpuTime();
            double mse = se / ((double) f0.y().length * clip.size());
            System.out.printf("q%d %d bytes %.1f kbps psnrY %.2f enc %.2f cpu-s dec %.2f cpu-s%n", q, bits.length,
                    bits.length * 8.0 * 24 / clip.size() / 1000, 10 * Math.log10(255.0 * 255 / mse), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        }
    }
}
