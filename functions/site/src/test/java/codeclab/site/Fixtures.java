package codeclab.site;

import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.core.RdPoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A constructed run with realistic numbers: x264 RD points of a 320x180 clip at four CRFs, candidates whose
 * curves are the baseline's scaled in bitrate (so ratio and BD-rate follow from the points), failures with
 * compiler and sandbox messages, parents, sources. Also maps the run into a DashboardInput the way the monitor
 * would (Theil–Sen slope, Mann–Kendall p-value, error groups), computed here from the experiments.
 */
final class Fixtures {

    static final Instant START = Instant.parse("2025-10-17T06:50:00Z");
    static final double TARGET = 38.0;
    static final String[] CLIPS = {"synthetic-motion", "synthetic-texture"};

    /** An in-memory store. */
    static final class Source implements SiteSource {
        final Map<String, List<Experiment>> runs = new LinkedHashMap<>();
        final Map<String, String> sources = new HashMap<>();
        final Map<String, Evaluation> evaluations = new HashMap<>();
        final List<ArchivePage.ArchivedRun> archived = new ArrayList<>();

        @Override
        public List<Run> runs() {
            return runs.entrySet().stream().map(e -> new Run(e.getKey(), e.getValue().stream().map(Experiment::createdAt)
                    .min(Instant::compareTo).orElse(START))).sorted(Comparator.comparing(Run::startedAt).reversed()).toList();
        }

        @Override
        public List<Experiment> experimentsNewestFirst(String runId) {
            return runs.getOrDefault(runId, List.of()).stream()
                    .sorted(Comparator.comparing(Experiment::experimentId).reversed()).toList();
        }

        @Override
        public Optional<String> source(String hash) {
            return Optional.ofNullable(sources.get(hash));
        }

        @Override
        public Optional<Evaluation> evaluation(String hash) {
            return Optional.ofNullable(evaluations.get(hash));
        }

        @Override
        public List<ArchivePage.ArchivedRun> archivedRuns() {
            return archived;
        }
    }

    /** x264 on a clip: bitrate roughly halves per 6 CRF, PSNR-Y drops ~3 dB. */
    static List<RdPoint> baseline(int clip) {
        double scale = clip == 0 ? 1.0 : 1.6;
        List<RdPoint> pts = new ArrayList<>();
        double[] crf = {18, 23, 28, 33};
        double[] kbps = {2400, 1310, 700, 380};
        double[] psnr = {44.1, 41.0, 38.0, 35.2};
        for (int i = 0; i < 4; i++) {
            double k = kbps[i] * scale;
            pts.add(point(crf[i], k, psnr[i] - clip * 0.8, 0.4, 0.1));
        }
        return pts;
    }

    static RdPoint point(double q, double kbps, double psnrY, double enc, double dec) {
        long bytes = Math.round(kbps * 1000 / 8 * 30 / 30.0);
        return new RdPoint(q, bytes, kbps, psnrY, psnrY + 1.3, 0.90 + (psnrY - 30) / 200, enc, dec);
    }

    /** A candidate whose curve is the baseline's with every bitrate multiplied by {@code ratio}. */
    static Evaluation evaluation(double ratio) {
        List<ClipEvaluation> clips = new ArrayList<>();
        for (int c = 0; c < CLIPS.length; c++) {
            List<RdPoint> base = baseline(c);
            List<RdPoint> cand = new ArrayList<>();
            double[] q = {20, 40, 60, 80};
            for (int i = 0; i < 4; i++) {
                RdPoint b = base.get(3 - i);
                cand.add(point(q[i], b.bitrateKbps() * ratio, b.psnrY(), 1.5, 0.7));
            }
            double baseAt = interpolate(base, TARGET - c * 0.8);
            clips.add(new ClipEvaluation(CLIPS[c], "hash-" + c, 320, 180, 30, 30, cand, base,
                    (ratio - 1) * 100, null, baseAt * ratio, baseAt));
        }
        return new Evaluation(TARGET, clips, 180, 420);
    }

    private static double interpolate(List<RdPoint> pts, double psnr) {
        for (int i = 0; i + 1 < pts.size(); i++) {
            RdPoint a = pts.get(i);
            RdPoint b = pts.get(i + 1);
            if (psnr <= a.psnrY() && psnr >= b.psnrY()) {
                double t = (psnr - b.psnrY()) / (a.psnrY() - b.psnrY());
                return Math.exp(Math.log(b.bitrateKbps()) + t * (Math.log(a.bitrateKbps()) - Math.log(b.bitrateKbps())));
            }
        }
        throw new IllegalArgumentException("target outside the curve");
    }

    static final String[][] FAILURES = {
            {"COMPILE_ERROR", "Codec.java:42: error: cannot find symbol\n  symbol: variable blockSize"},
            {"TIMEOUT", "encode exceeded the wall-clock limit of 60 s on clip synthetic-motion; the process was killed"},
            {"FORBIDDEN_API", "references java.lang.Thread.start(), which is not on the sandbox allowlist"},
            {"BAD_OUTPUT", "decoder returned 29 frames, expected 30"},
    };

    /**
     * A run of {@code n} experiments over {@code hours}: a fraction {@code okShare} completes with ratios drifting
     * from about 2.2 down to about 0.6 with noise; the rest fail with one of four messages.
     */
    static Source run(String runId, int n, double hours, double okShare, long seed) {
        Source s = new Source();
        addRun(s, runId, n, hours, okShare, seed, START);
        return s;
    }

    static void addRun(Source s, String runId, int n, double hours, double okShare, long seed, Instant start) {
        Random rnd = new Random(seed);
        List<Experiment> list = new ArrayList<>();
        String parent = null;
        String parentSource = null;
        for (int i = 0; i < n; i++) {
            Instant created = start.plus(Duration.ofSeconds((long) (hours * 3600 * (i + 0.5) / n)));
            Instant finished = created.plusSeconds(90);
            String id = String.format("e%05d", i + 1);
            String src = source(i, parentSource, rnd);
            String srcHash = "src-" + runId + "-" + i;
            s.sources.put(srcHash, src);
            boolean ok = rnd.nextDouble() < okShare;
            double cost = 0.012 + rnd.nextDouble() * 0.01;
            String hyp = "Try " + (i % 3 == 0 ? "a larger motion search range" : i % 3 == 1 ? "adaptive quantisation by block variance"
                    : "an adaptive binary range coder for residuals") + " on top of the parent.";
            if (ok) {
                double drift = 2.2 - 1.6 * i / Math.max(1, n - 1);
                double ratio = Math.max(0.2, drift * Math.exp(rnd.nextGaussian() * 0.12));
                Evaluation ev = evaluation(ratio);
                String evHash = "ev-" + runId + "-" + i;
                s.evaluations.put(evHash, ev);
                list.add(new Experiment(runId, id, ExperimentStatus.COMPLETED, OutcomeKind.OK, null, "evolutionary/1", parent,
                        hyp, srcHash, evHash, created, finished, ev.bdRatePercent(), ev.bitrateAtTargetKbps(),
                        ev.baselineBitrateAtTargetKbps(), cost));
                parent = id;
                parentSource = src;
            } else {
                String[] f = FAILURES[rnd.nextInt(FAILURES.length)];
                OutcomeKind kind = OutcomeKind.valueOf(f[0]);
                list.add(new Experiment(runId, id, ExperimentStatus.finalFor(kind), kind, f[1], "evolutionary/1", parent, hyp,
                        srcHash, null, created, finished, null, null, null, cost));
            }
        }
        s.runs.put(runId, list);
    }

    private static String source(int i, String parentSource, Random rnd) {
        if (parentSource == null) {
            return """
                    package gen;

                    import codeclab.codec.*;

                    /** Intra-only DCT codec with a uniform quantiser. */
                    public final class Candidate implements Codec {
                        static final int BLOCK = 8;
                        static final int SEARCH = 4;

                        public Encoder encoder(StreamHeader h, int quality) {
                            return new DctEncoder(h, BLOCK, 1 + (100 - quality) / 4);
                        }

                        public Decoder decoder(StreamHeader h) {
                            return new DctDecoder(h, BLOCK);
                        }
                    }
                    """;
        }
        return parentSource.replaceFirst("SEARCH = \\d+", "SEARCH = " + (4 + rnd.nextInt(28)))
                .replaceFirst("(?m)^// generation \\d+\n", "") + "// generation " + i + "\n";
    }

    /** What the monitor would report for this run, computed from the experiments. */
    static DashboardInput dashboard(Source s, String runId, Instant now) {
        List<Experiment> ex = s.experimentsNewestFirst(runId).reversed();
        Map<OutcomeKind, Long> byOutcome = new EnumMap<>(OutcomeKind.class);
        Map<ExperimentStatus, Long> byStatus = new EnumMap<>(ExperimentStatus.class);
        ex.forEach(e -> {
            byOutcome.merge(e.outcome(), 1L, Long::sum);
            byStatus.merge(e.status(), 1L, Long::sum);
        });
        List<Experiment> done = ex.stream().filter(Experiment::completed).toList();
        List<DashboardInput.TrendPoint> trend = done.stream().map(e -> new DashboardInput.TrendPoint(e.experimentId(),
                Duration.between(START, e.finishedAt()).toSeconds() / 3600.0, e.ratioToBaseline())).toList();
        Experiment best = done.stream().min(Comparator.comparing(Experiment::ratioToBaseline)).orElse(null);
        Experiment bestBd = done.stream().min(Comparator.comparing(Experiment::bdRatePercent)).orElse(null);
        long finished = ex.size();
        long timeouts = byOutcome.getOrDefault(OutcomeKind.TIMEOUT, 0L);
        long validation = ex.stream().filter(e -> e.outcome().isValidationFailure()).count();
        Map<String, List<Experiment>> groups = new LinkedHashMap<>();
        ex.stream().filter(e -> !e.completed()).forEach(e -> groups.computeIfAbsent(e.outcome() + ": "
                + e.message().lines().findFirst().orElse("").replaceAll("\\d+", "<n>").toLowerCase(), k -> new ArrayList<>()).add(e));
        List<DashboardInput.ErrorRow> errors = groups.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Experiment>> e) -> e.getValue().size()).reversed())
                .map(e -> new DashboardInput.ErrorRow(e.getKey(), e.getValue().size(), e.getValue().get(0).message(),
                        e.getValue().get(0).experimentId())).toList();
        List<DashboardInput.RdCurve> rd = new ArrayList<>();
        done.stream().sorted(Comparator.comparing(Experiment::ratioToBaseline)).limit(3).forEach(e -> s.evaluations
                .get(e.evaluationHash()).clips().forEach(c -> rd.add(new DashboardInput.RdCurve(e.experimentId(), c))));
        DashboardInput.TrendLine line = trend.size() < 3 ? null : theilSen(trend);
        boolean improving = line != null && line.slopePerHour() < 0 && line.pValue() < 0.05;
        DashboardInput.Severity sev = done.isEmpty() && !ex.isEmpty() ? DashboardInput.Severity.CRITICAL
                : improving ? DashboardInput.Severity.INFO : DashboardInput.Severity.WARNING;
        String verdict = ex.isEmpty() ? "TOO_EARLY" : done.isEmpty() ? "PURGE_AND_RESTART" : improving ? "LET_IT_RUN" : "FIX_CODE";
        List<String> reasons = done.isEmpty() ? List.of("no experiment completed (" + ex.size() + " failed)")
                : List.of(String.format("bitrates vary: %d unique ratios", done.stream().map(e -> Math.round(e.ratioToBaseline() * 1000)).distinct().count()),
                String.format("best ratio %.3f < 1.0 (beats x264)", best.ratioToBaseline()));
        return new DashboardInput(runId, now, START, verdict, sev, reasons, ex.size(), done.size(), byOutcome, byStatus,
                best == null ? null : new DashboardInput.BestBitrate(best.experimentId(), best.bitrateAtTargetKbps(), best.ratioToBaseline()),
                bestBd == null ? null : new DashboardInput.BestBdRate(bestBd.experimentId(), bestBd.bdRatePercent()),
                done.isEmpty() ? null : done.get(done.size() - 1).baselineBitrateAtTargetKbps(), trend, line,
                DashboardInput.defaultGuides(), rd, finished == 0 ? 0 : (double) timeouts / finished,
                finished == 0 ? 0 : (double) validation / finished, errors,
                new DashboardInput.TimelineCheck("ON_TRACK", "Hour 4-6 (16-30 experiments)", List.of("best < 1 Mbps (ratio 0.1) not reached"), List.of()),
                List.of(new DashboardInput.Criterion("20-40 completed experiments", done.size() >= 20, done.size() + " completed"),
                        new DashboardInput.Criterion("best < 0.5 of x264", best != null && best.ratioToBaseline() < 0.5,
                                best == null ? "none" : String.format("best %.3f", best.ratioToBaseline())),
                        new DashboardInput.Criterion("< 20% timeout rate", finished == 0 || (double) timeouts / finished < 0.2, null)),
                ex.stream().mapToDouble(Experiment::costUsd).sum(), List.of());
    }

    /** Theil–Sen slope and intercept, Mann–Kendall two-sided p (normal approximation, no ties correction). */
    static DashboardInput.TrendLine theilSen(List<DashboardInput.TrendPoint> pts) {
        List<Double> slopes = new ArrayList<>();
        long sum = 0;
        for (int i = 0; i < pts.size(); i++) {
            for (int j = i + 1; j < pts.size(); j++) {
                double dx = pts.get(j).hour() - pts.get(i).hour();
                if (dx > 0) {
                    slopes.add((pts.get(j).ratio() - pts.get(i).ratio()) / dx);
                }
                sum += (long) Math.signum(pts.get(j).ratio() - pts.get(i).ratio());
            }
        }
        double slope = median(slopes);
        double intercept = median(pts.stream().map(p -> p.ratio() - slope * p.hour()).toList());
        double n = pts.size();
        double z = (Math.abs(sum) - 1) / Math.sqrt(n * (n - 1) * (2 * n + 5) / 18);
        double p = Math.min(1, 2 * (1 - phi(z)));
        return new DashboardInput.TrendLine(slope, intercept, p, p < 0.05 ? (slope < 0 ? "IMPROVING" : "WORSENING") : "FLAT");
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** Standard normal CDF (Zelen & Severo 26.2.17). */
    private static double phi(double z) {
        if (z < 0) {
            return 1 - phi(-z);
        }
        double t = 1 / (1 + 0.2316419 * z);
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return 1 - Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) * poly;
    }
}
