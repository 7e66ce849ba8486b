package codeclab.cli;

import codeclab.media.Clip;
import codeclab.metrics.FrameQuality;
import codeclab.metrics.Metrics;
import codeclab.metrics.QualityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code codec-lab metrics --ref A --dist B}: PSNR and SSIM between two clips, as FFmpeg's psnr and ssim filters compute them. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "PSNR (Y, U, V, YUV) and SSIM (FFmpeg/libvpx 8x8 definition) between two clips, pooled and per frame.")
public final class MetricsCommand implements Runnable {

    @Option(names = "--ref", required = true, description = "Reference clip (y4m or anything FFmpeg decodes).")
    String ref;

    @Option(names = "--dist", required = true, description = "Distorted clip, same size and frame count.")
    String dist;

    @Option(names = "--per-frame", description = "Also print the per-frame values.")
    boolean perFrame;

    @Option(names = "--data", defaultValue = "codec-lab-data", description = "Data folder for clip names (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--json", description = "Print JSON (always includes per-frame values; infinite PSNR is the string \"inf\").")
    boolean json;

    @Override
    public void run() {
        Clip a = ClipArgs.resolve(data, List.of(ref)).get(0);
        Clip b = ClipArgs.resolve(data, List.of(dist)).get(0);
        if (a.frameCount() != b.frameCount() || a.width() != b.width() || a.height() != b.height()) {
            throw new UserError(dist + ": " + b.width() + "x" + b.height() + " x " + b.frameCount() + " frames does not match "
                    + ref + ": " + a.width() + "x" + a.height() + " x " + a.frameCount() + " frames");
        }
        QualityReport r = Metrics.compare(a.frames(), b.frames());
        if (json) {
            System.out.println(Json.write(JsonNumbers.finite(r)));
            return;
        }
        QualityReport.Pooled p = r.pooled();
        System.out.printf(Locale.ROOT, "PSNR y:%s u:%s v:%s average:%s min:%s max:%s%n", db(p.psnrY()), db(p.psnrU()), db(p.psnrV()),
                db(p.psnrYuv()), db(p.psnrYuvMin()), db(p.psnrYuvMax()));
        System.out.printf(Locale.ROOT, "SSIM Y:%.6f U:%.6f V:%.6f All:%.6f (%s)%n", p.ssimY(), p.ssimU(), p.ssimV(), p.ssimAll(), db(p.ssimAllDb()));
        if (perFrame) {
            System.out.printf("%5s %8s %8s %8s %8s %8s%n", "FRAME", "PSNR-Y", "PSNR-U", "PSNR-V", "PSNR", "SSIM-Y");
            for (FrameQuality f : r.frames()) {
                System.out.printf(Locale.ROOT, "%5d %8s %8s %8s %8s %8.5f%n", f.index(), db(f.psnrY()), db(f.psnrU()), db(f.psnrV()),
                        db(f.psnrYuv()), f.ssimY());
            }
        }
    }

    static String db(double v) {
        return Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.2f", v);
    }
}
