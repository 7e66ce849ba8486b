package codeclab.planner;

import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.MetricBdRate;
import codeclab.core.QualityMetric;
import codeclab.core.OutcomeKind;
import codeclab.core.RdPoint;

import java.time.Instant;
import java.util.List;

/** Test values: experiments and evaluations with recognisable numbers. */
public final class Fixtures {

    private Fixtures() {
    }

    /** An evaluation with these PSNR-Y and PSNR-YUV BD-rates; a null PSNR-YUV is one that missed the overlap. */
    public static Evaluation measured(Double y, Double yuv) {
        List<MetricBdRate> rates = yuv == null && y != null
                ? List.of(new MetricBdRate(QualityMetric.PSNR_Y, y, 100.0, null),
                        new MetricBdRate(QualityMetric.PSNR_YUV, null, 40.0, "overlap 40 % < 75 %"))
                : List.of(new MetricBdRate(QualityMetric.PSNR_Y, y, 100.0, null), new MetricBdRate(QualityMetric.PSNR_YUV, yuv, 100.0, null));
        ClipEvaluation c = new ClipEvaluation("dev-1", "h", 64, 48, 4, 25, List.of(), List.of(), rates, null, null, null, null);
        return new Evaluation(34.0, List.of(c), 0, 0);
    }

    public static Evaluation evaluation(double bdRate, double atTarget, double... psnrs) {
        List<RdPoint> pts = new java.util.ArrayList<>();
        for (int i = 0; i < psnrs.length; i++) {
            pts.add(new RdPoint(20 + 20 * i, 1000L * (i + 1), 100.0 * (i + 1), psnrs[i], psnrs[i] + 1.5, 0.9 + 0.01 * i, 0.1, 0.05));
        }
        List<RdPoint> x264 = List.of(new RdPoint(35, 900, 80, 31.0, 32.0, 0.9, 0.01, 0.01),
                new RdPoint(23, 3000, 300, 38.0, 39.0, 0.97, 0.01, 0.01));
        ClipEvaluation clip = new ClipEvaluation("moving-gradient", "abc", 64, 48, 8, 25.0, pts, x264,
                bdRate, null, atTarget, 150.0);
        return new Evaluation(35.0, List.of(clip), 120.0, 300.0);
    }

    public static Experiment completed(String id, String parentId, String hypothesis, double bdRate, double atTarget, double costUsd) {
        return new Experiment("run-1", id, ExperimentStatus.COMPLETED, OutcomeKind.OK, null, "test/1", parentId, hypothesis,
                "hash-" + id, "eval-" + id, Instant.EPOCH, Instant.EPOCH, bdRate, atTarget, 150.0, costUsd);
    }

    public static Experiment failed(String id, OutcomeKind kind, String message, String hypothesis) {
        return new Experiment("run-1", id, ExperimentStatus.finalFor(kind), kind, message, "test/1", null, hypothesis,
                "hash-" + id, null, Instant.EPOCH, Instant.EPOCH, null, null, null, 0.0);
    }

    public static final String PARENT_SOURCE = """
            import codeclab.codec.*;

            public class ParentCodec implements Codec {
                static final int STEP = 12;

                public Encoder encoder(StreamHeader h, int quality) {
                    return null; // parent body
                }

                public Decoder decoder(StreamHeader h, byte[] bits) {
                    return null;
                }
            }
            """;
}
