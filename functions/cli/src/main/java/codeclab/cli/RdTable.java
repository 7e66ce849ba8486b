package codeclab.cli;

import codeclab.core.RdPoint;

import java.util.List;
import java.util.Locale;

/** Prints RD points as a table. */
final class RdTable {

    private RdTable() {
    }

    static void print(List<RdPoint> points, String knob) {
        System.out.printf("  %7s %10s %10s %8s %8s %8s %7s %7s%n", knob, "BYTES", "KBPS", "PSNR-Y", "PSNR-YUV", "SSIM-Y", "ENC s", "DEC s");
        for (RdPoint p : points) {
            System.out.printf(Locale.ROOT, "  %7.0f %10d %10.1f %8s %8s %8.5f %7.2f %7.2f%n", p.quality(), p.bytes(), p.bitrateKbps(),
                    MetricsCommand.db(p.psnrY()), MetricsCommand.db(p.psnrYuv()), p.ssimY(), p.encodeSeconds(), p.decodeSeconds());
        }
    }
}
