package codeclab.monitor.site;

import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.monitor.ops.Archive;
import codeclab.monitor.ops.Operations;
import codeclab.site.ArchivePage;
import codeclab.site.SiteSource;
import codeclab.store.ArtifactStore;
import codeclab.store.ExperimentStore;
import codeclab.store.NotFoundException;
import codeclab.store.RunSummary;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SiteSource} over the experiment store and the artifact store: live runs from the runs table, a run's
 * experiments (one key-range read per run, kept for the life of this instance: make one per generation),
 * sources and evaluations by content hash, and purged runs from the archive manifests
 * ({@link Operations#archives()}). A missing artifact is empty (the page says so); an unreadable one is an error.
 */
public final class StoreSiteSource implements SiteSource {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final ExperimentStore store;
    private final ArtifactStore artifacts;
    private final Operations operations;
    private final Map<String, List<Experiment>> experiments = new ConcurrentHashMap<>();
    private final Map<String, Optional<Evaluation>> evaluations = new ConcurrentHashMap<>();

    public StoreSiteSource(ExperimentStore store, ArtifactStore artifacts, Operations operations) {
        this.store = Objects.requireNonNull(store, "store");
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.operations = Objects.requireNonNull(operations, "operations");
    }

    @Override
    public List<Run> runs() {
        return store.listRuns().stream()
                .sorted(Comparator.comparing(RunSummary::startedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(RunSummary::runId, Comparator.reverseOrder()))
                .map(r -> new Run(r.runId(), r.startedAt()))
                .toList();
    }

    @Override
    public List<Experiment> experimentsNewestFirst(String runId) {
        return experiments.computeIfAbsent(runId, id -> {
            List<Experiment> all = new ArrayList<>(store.all(id));
            Collections.reverse(all);
            return List.copyOf(all);
        });
    }

    @Override
    public Optional<String> source(String hash) {
        return bytes(hash).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    @Override
    public Optional<Evaluation> evaluation(String hash) {
        return evaluations.computeIfAbsent(hash, h -> bytes(h).map(b -> {
            try {
                return JSON.readValue(b, Evaluation.class);
            } catch (IOException e) {
                throw new IllegalStateException("evaluation " + h + " is not a readable Evaluation: " + e.getMessage(), e);
            }
        }));
    }

    @Override
    public List<ArchivePage.ArchivedRun> archivedRuns() {
        List<Archive> all = new ArrayList<>(operations.archives());
        Collections.reverse(all);
        return all.stream().map(a -> new ArchivePage.ArchivedRun(a.runId(), a.archivedAt(), a.experiments(), a.archive(), null))
                .toList();
    }

    private Optional<byte[]> bytes(String hash) {
        if (hash == null || !ArtifactStore.KEY.matcher(hash).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(artifacts.get(hash));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
