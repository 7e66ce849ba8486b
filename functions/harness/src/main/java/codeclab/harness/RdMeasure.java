package codeclab.harness;

import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import codeclab.core.RdPoint;
import codeclab.metrics.Metrics;
import codeclab.metrics.QualityReport;

import java.util.List;

/** Turns (source, decoded frames, size, timings) into an RD point. The only place bitrate is computed. */
final class RdMeasure {

    private RdMeasure() {
    }

    /** kbps = bytes x 8 x fps / frames / 1000. */
    static double kbps(long bytes, StreamHeader header) {
        return bytes * 8.0 * header.fps() / header.frameCount() / 1000.0;
    }

    static RdPoint point(double knob, long bytes, StreamHeader header, List<Frame> source, List<Frame> decoded,
                         double encodeSeconds, double decodeSeconds) {
        QualityReport q = Metrics.compare(source, decoded);
        QualityReport.Pooled p = q.pooled();
        return new RdPoint(knob, bytes, kbps(bytes, header), p.psnrY(), psnrYuv611(p), p.ssimY(), encodeSeconds, decodeSeconds);
    }

    /** AWCY's PSNR-YUV: the plane PSNRs weighted 6:1:1 (luma carries most of what a viewer sees). */
    static double psnrYuv611(QualityReport.Pooled p) {
        return (6 * p.psnrY() + p.psnrU() + p.psnrV()) / 8;
    }
}
