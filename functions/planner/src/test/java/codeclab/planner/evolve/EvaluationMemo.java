package codeclab.planner.evolve;

import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.OutcomeKind;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark's measurements by source, also kept on disk (one JSON file per source) so a stopped benchmark
 * resumes where it stopped: planners are deterministic for a seed, so a restarted run proposes the same sources
 * and replays its experiments from here at no cost, then goes on measuring.
 */
final class EvaluationMemo extends ConcurrentHashMap<String, Evaluator.Result> {

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One file: the source and its measurement ({@code evaluation}) or failure ({@code kind}, {@code message}) on the
     * clips whose content hashes are {@code clips} (absent in files written before it was kept: then the evaluation's).
     */
    record Stored(String source, OutcomeKind kind, String message, Evaluation evaluation, List<String> clips) {

        List<String> clipHashes() {
            return clips != null ? clips : evaluation == null ? null : evaluation.clips().stream().map(ClipEvaluation::clipHash).toList();
        }
    }

    private final transient Path dir;
    private final transient List<String> clips;
    private final transient int elsewhere;

    /**
     * @param clips content hashes of the clips measured on: a measurement on other clips is not read (a benchmark given
     *              another clip set, or the held-out set, keeps its own measurements in the same kind of folder)
     */
    EvaluationMemo(Path dir, List<String> clips) {
        this.dir = dir;
        this.clips = List.copyOf(clips);
        int other = 0;
        try {
            Files.createDirectories(dir);
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                    Stored s = JSON.readValue(f.toFile(), Stored.class);
                    if (!this.clips.equals(s.clipHashes())) {
                        other++;
                        continue;
                    }
                    super.put(s.source(), s.evaluation() != null ? new Evaluator.Result.Measured(s.evaluation())
                            : new Evaluator.Result.Failed(s.kind(), s.message()));
                }
            }
            elsewhere = other;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the benchmark memo in " + dir + " (delete it to start afresh): " + e.getMessage(), e);
        }
    }

    @Override
    public Evaluator.Result put(String source, Evaluator.Result result) {
        Stored s = result instanceof Evaluator.Result.Measured m ? new Stored(source, OutcomeKind.OK, null, m.evaluation(), clips)
                : new Stored(source, ((Evaluator.Result.Failed) result).kind(), ((Evaluator.Result.Failed) result).message(), null, clips);
        try {
            Path tmp = Files.createTempFile(dir, "memo", ".tmp");
            JSON.writeValue(tmp.toFile(), s);
            Files.move(tmp, dir.resolve(sha256(String.join(",", clips) + "\n" + source) + ".json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark memo in " + dir + ": " + e.getMessage(), e);
        }
        return super.put(source, result);
    }

    /** The kept result for a source, else {@code measure}'s, kept. */
    Evaluator.Result measure(String source, Evaluator measure) {
        Evaluator.Result r = get(source);
        if (r == null) {
            r = measure.evaluate(source);
            put(source, r);
        }
        return r;
    }

    /** Measurements in the folder made on other clips, not read. */
    int elsewhere() {
        return elsewhere;
    }

    /** The content hashes of a clip set, as a memo is keyed. */
    static List<String> hashes(List<codeclab.media.Clip> clips) {
        return clips.stream().map(codeclab.media.Clip::contentHash).toList();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
