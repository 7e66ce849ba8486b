package codeclab.monitor.ops;

import codeclab.core.Experiment;
import codeclab.monitor.LoopControl;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.MonitorService;
import codeclab.monitor.alert.AlertPublisher;
import codeclab.monitor.metrics.MetricsSink;
import codeclab.monitor.report.Report;
import codeclab.monitor.store.StoreMonitorSource;
import codeclab.monitor.store.StoreMonitorStateStore;
import codeclab.store.ArtifactStore;
import codeclab.store.ExperimentStore;
import codeclab.store.NotFoundException;
import codeclab.store.RunSummary;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's procedures, made safe, over the store (the same code for {@code --data} and {@code --stack}):
 * the current run, fresh start, pause/resume, purge (archive, verify, delete, verify empty), restore, and one
 * monitor run. No AWS types: the schedule is a {@link ScheduleControl}.
 */
public final class Operations {

    /** The run used when nothing exists yet and no current run was set. */
    public static final String DEFAULT_RUN = ExperimentStore.DEFAULT_RUN;
    public static final String ARCHIVES = "archives/";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern RUN_N = Pattern.compile("run-(\\d+)");
    private static final Pattern ARCHIVE_RUN = Pattern.compile("archives/(.+)-\\d{8}T\\d{9}Z\\.jsonl");
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final ExperimentStore store;
    private final ArtifactStore artifacts;
    private final ScheduleControl schedule;
    private final Clock clock;

    public Operations(ExperimentStore store, ArtifactStore artifacts, ScheduleControl schedule, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.artifacts = artifacts;
        this.schedule = schedule == null ? ScheduleControl.NONE : schedule;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ------------------------------------------------------------------ the current run

    /** The current-run pointer, or {@value #DEFAULT_RUN} when none was ever set. */
    public String currentRun() {
        return store.currentRun().orElse(DEFAULT_RUN);
    }

    /** {@code requested} when given, else the current run (also for the word {@value ExperimentStore#CURRENT}). */
    public String resolveRun(String requested) {
        return store.resolveRun(requested);
    }

    /**
     * Starts a new run (iteration 1, empty counters) and makes it current. Its id is {@code run-<N+1>}, N the
     * highest number of any existing or archived {@code run-<n>}, so a restored archive never collides with it.
     */
    public RunSummary freshStart() {
        int max = 0;
        for (RunSummary r : store.listRuns()) max = Math.max(max, runNumber(r.runId()));
        for (String name : artifacts == null ? List.<String>of() : artifacts.listNamed(ARCHIVES)) {
            Matcher m = ARCHIVE_RUN.matcher(name);
            if (m.matches()) max = Math.max(max, runNumber(m.group(1)));
        }
        String id = "run-" + (max + 1);
        RunSummary run = store.createRun(id, clock.instant());
        store.setCurrentRun(id);
        return run;
    }

    private static int runNumber(String runId) {
        Matcher m = RUN_N.matcher(runId);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    // ------------------------------------------------------------------ pause / resume

    public LoopControl loop(String runId) {
        return new StoreLoopControl(store, runId, schedule);
    }

    public void pause(String runId, String reason) {
        store.getRun(runId);
        loop(runId).pause(reason);
    }

    public void resume(String runId) {
        store.getRun(runId);
        loop(runId).resume();
    }

    // ------------------------------------------------------------------ monitor

    /**
     * One monitor run, with what the monitor does before judging.
     *
     * @param report   the judgement
     * @param timedOut experiments this run found stuck past {@code stuckAfter} and recorded TIMED_OUT
     */
    public record MonitorRun(Report report, List<Experiment> timedOut) {
    }

    /**
     * Marks stuck experiments TIMED_OUT, then runs the {@link MonitorService} on the store (incremental, state saved
     * on the run item). {@code publisher} null decides alerts without sending them or remembering them.
     */
    public MonitorRun monitor(String runId, MonitorConfig config, AlertPublisher publisher, MetricsSink metrics) {
        Instant now = clock.instant();
        store.getRun(runId);
        List<Experiment> timedOut = store.markTimedOut(runId, config.stuckAfter(), now);
        StoreMonitorStateStore states = new StoreMonitorStateStore(store);
        StoreMonitorSource source = new StoreMonitorSource(store, states, clock, StoreMonitorSource.DEFAULT_SETTLE);
        Report report = new MonitorService(source, states, config, publisher, metrics, loop(runId)).run(runId, now);
        if (config.plannerHints()) {
            // The loop's plan step reads these into the next prompts; each report replaces the previous notes.
            store.setPlannerHints(runId, report.plannerHints());
        }
        return new MonitorRun(report, timedOut);
    }

    /**
     * The monitor's judgement of a run without any write: no timeout sweep, no alert, no metrics, no loop action, and
     * the monitor state is not saved (the hourly monitor's position and alert memory stay as they were). Costs what
     * an hourly run costs: what is new since the last saved state.
     *
     * @throws NotFoundException when the run does not exist
     */
    public Report analyze(String runId, MonitorConfig config) {
        store.getRun(runId);
        StoreMonitorStateStore states = StoreMonitorStateStore.readOnly(store);
        StoreMonitorSource source = new StoreMonitorSource(store, states, clock, StoreMonitorSource.DEFAULT_SETTLE);
        return new MonitorService(source, states, config, null, null, null).run(runId, clock.instant());
    }

    // ------------------------------------------------------------------ purge / restore

    /**
     * Archives the run (its items and artifact index as JSON Lines under {@code archives/}), verifies the archive by
     * re-reading it (SHA-256 and line count), records the manifest, deletes the run and checks that it is empty.
     * Artifacts are content-addressed and may be shared, so they stay.
     *
     * @throws NotFoundException     when the run does not exist
     * @throws IllegalStateException when a verification fails (nothing is deleted if the archive is bad)
     */
    public Archive purge(String runId) {
        requireArtifacts();
        Instant at = clock.instant();
        StringWriter out = new StringWriter();
        try {
            store.exportRun(runId, out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not export run " + runId + ": " + e.getMessage(), e);
        }
        List<Experiment> experiments = store.all(runId);
        TreeSet<String> keys = new TreeSet<>();
        for (Experiment e : experiments) {
            if (e.sourceHash() != null) keys.add(e.sourceHash());
            if (e.evaluationHash() != null) keys.add(e.evaluationHash());
        }
        StringBuilder text = new StringBuilder(out.toString());
        for (String key : keys) {
            ObjectNode line = JSON.createObjectNode().put("table", "artifacts");
            ObjectNode item = line.putObject("item");
            item.putObject("key").put("S", key);
            item.putObject("exists").put("BOOL", ArtifactStore.KEY.matcher(key).matches() && artifacts.exists(key));
            text.append(line).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        int lines = 1 + experiments.size() + keys.size();
        String name = ARCHIVES + runId + "-" + STAMP.format(at) + ".jsonl";
        String sha = sha256(bytes);
        artifacts.putNamed(name, bytes);

        byte[] back = artifacts.getNamed(name);
        long backLines = new String(back, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();
        if (!sha.equals(sha256(back)) || backLines != lines) {
            throw new IllegalStateException("archive " + name + " did not read back intact (" + backLines + " of "
                    + lines + " lines, sha256 " + sha256(back) + " vs " + sha + "); nothing was deleted, retry the purge");
        }
        Archive archive = new Archive(name, runId, at, experiments.size(), keys.size(), lines, bytes.length, sha);
        artifacts.putNamed(manifestName(name), json(archive));

        store.deleteRun(runId);
        List<Experiment> left = store.since(runId, null);
        boolean runLeft;
        try {
            store.getRun(runId);
            runLeft = true;
        } catch (NotFoundException e) {
            runLeft = false;
        }
        if (runLeft || !left.isEmpty()) {
            throw new IllegalStateException("purge of run " + runId + " left " + left.size() + " experiments"
                    + (runLeft ? " and the run item" : "") + "; the archive " + name + " is intact, run purge again");
        }
        return archive;
    }

    /**
     * Puts an archived run back, exactly the items it held (never over an existing item). {@code archive} is the
     * name printed by purge ({@code archives/<runId>-<stamp>.jsonl}; the {@code archives/} prefix may be left out).
     *
     * @return the archive's manifest
     */
    public Archive restore(String archive) {
        requireArtifacts();
        String name = archive.startsWith(ARCHIVES) ? archive : ARCHIVES + archive;
        if (!name.endsWith(".jsonl")) {
            throw new IllegalArgumentException("not an archive name: " + archive + " (expected archives/<run>-<stamp>.jsonl;"
                    + " list them with codec-lab restore --list)");
        }
        byte[] bytes;
        try {
            bytes = artifacts.getNamed(name);
        } catch (NotFoundException e) {
            throw new NotFoundException("no archive " + name + "; list them with codec-lab restore --list");
        }
        Archive manifest = manifest(name);
        if (manifest != null && !manifest.sha256().equals(sha256(bytes))) {
            throw new IllegalStateException("archive " + name + " does not match its manifest (sha256 " + sha256(bytes)
                    + ", manifest " + manifest.sha256() + "); it was modified or truncated, refusing to restore");
        }
        StringBuilder items = new StringBuilder();
        String runId = null;
        int experiments = 0;
        int artifactLines = 0;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) continue;
            JsonNode node = readTree(line);
            String table = node.path("table").asText();
            if (table.equals("artifacts")) {
                artifactLines++;
                continue;
            }
            if (table.equals("runs")) runId = node.path("item").path("runId").path("S").asText();
            if (table.equals("experiments")) experiments++;
            items.append(line).append('\n');
        }
        if (runId == null) throw new IllegalStateException("archive " + name + " has no run item; not a codec-lab archive");
        try {
            store.importRun(new StringReader(items.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not restore " + name + ": " + e.getMessage(), e);
        }
        return manifest != null ? manifest : new Archive(name, runId, null, experiments, artifactLines,
                1 + experiments + artifactLines, bytes.length, sha256(bytes));
    }

    /** Every archived run (from the manifests), oldest first. */
    public List<Archive> archives() {
        requireArtifacts();
        List<Archive> out = new ArrayList<>();
        for (String n : artifacts.listNamed(ARCHIVES)) {
            if (n.endsWith(".json")) out.add(parse(n, artifacts.getNamed(n)));
        }
        out.sort(java.util.Comparator.comparing(Archive::archivedAt).thenComparing(Archive::archive));
        return out;
    }

    private Archive manifest(String archiveName) {
        try {
            return parse(manifestName(archiveName), artifacts.getNamed(manifestName(archiveName)));
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static String manifestName(String archiveName) {
        return archiveName.substring(0, archiveName.length() - ".jsonl".length()) + ".json";
    }

    private void requireArtifacts() {
        if (artifacts == null) throw new IllegalStateException("this operation needs the artifact store (archives)");
    }

    private static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Archive parse(String name, byte[] bytes) {
        try {
            return JSON.readValue(bytes, Archive.class);
        } catch (IOException e) {
            throw new IllegalStateException("archive manifest " + name + " is not readable: " + e.getMessage(), e);
        }
    }

    private static JsonNode readTree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException("archive line is not JSON: " + line.substring(0, Math.min(80, line.length())), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
