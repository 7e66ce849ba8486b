package codeclab.site;

import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the static site: {@code index.html} (dashboard of the current run), {@code runs.html},
 * {@code archive.html}, {@code blog/index.html}, and per experiment of the current run {@code blog/<id>.html}
 * plus {@code blog/<id>.json} (the experiment and its full evaluation: the raw numbers the post links to).
 * The analysis is not done here: each run's dashboard numbers come in as a {@link DashboardInput}.
 */
public final class SiteGenerator {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final SiteSource source;
    private final SiteOutput out;
    private final Clock clock;
    private final CliCommand cli;

    /** What a generation wrote, in order (paths relative to the site root). */
    public record Result(List<String> written) {
        public Result {
            written = List.copyOf(written);
        }
    }

    public SiteGenerator(SiteSource source, SiteOutput out) {
        this(source, out, Clock.systemUTC());
    }

    public SiteGenerator(SiteSource source, SiteOutput out, Clock clock) {
        this(source, out, clock, CliCommand.DEFAULT);
    }

    /** {@code cli} spells the commands pages print (the archive's restore commands) for the one who writes the site. */
    public SiteGenerator(SiteSource source, SiteOutput out, Clock clock, CliCommand cli) {
        this.source = Objects.requireNonNull(source, "source");
        this.out = Objects.requireNonNull(out, "output");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cli = Objects.requireNonNull(cli, "cli");
    }

    /**
     * The whole site. {@code currentRunId} null means the newest run. {@code dashboards} holds the monitor's
     * numbers per run id; a run without one gets a dashboard that only counts its experiments and says so.
     */
    public Result generate(String currentRunId, Map<String, DashboardInput> dashboards) {
        return write(currentRunId, dashboards, null);
    }

    /**
     * Only the posts of {@code experimentIds} (and their older and newer neighbours, whose pager links change)
     * plus the index pages: what record does after each experiment. Unknown ids are ignored.
     */
    public Result generatePosts(String currentRunId, Map<String, DashboardInput> dashboards, Collection<String> experimentIds) {
        return write(currentRunId, dashboards, Set.copyOf(experimentIds));
    }

    /**
     * Only the posts of {@code experimentIds} of run {@code runId}, their neighbours and that run's blog index: no
     * dashboard, run list or archive page, so nothing but this run's experiments is read (what record does after each
     * experiment on AWS; the hourly monitor rewrites the other pages).
     */
    public Result generatePostsOnly(String runId, Collection<String> experimentIds) {
        return write(runId, null, Set.copyOf(experimentIds));
    }

    /** @param dashboards null: posts and the blog index only */
    private Result write(String currentRunId, Map<String, DashboardInput> dashboards, Set<String> only) {
        List<String> written = new ArrayList<>();
        List<SiteSource.Run> runs = dashboards == null ? List.of() : source.runs();
        String current = currentRunId != null ? currentRunId : runs.isEmpty() ? null : runs.get(0).runId();
        List<Experiment> experiments = current == null ? List.of() : source.experimentsNewestFirst(current);

        if (dashboards != null) {
            DashboardInput dash = current == null ? null : dashboards.get(current);
            if (dash == null) {
                dash = unjudged(current == null ? "(none)" : current, experiments);
            }
            put(written, DashboardPage.PATH, DashboardPage.render(dash));
            put(written, RunListPage.PATH, RunListPage.render(runRows(runs, current, dashboards)));
            put(written, ArchivePage.PATH, ArchivePage.render(source.archivedRuns(), cli));
        }
        put(written, BlogIndex.PATH, BlogIndex.render(current == null ? "(none)" : current, experiments, cli));
        boolean indexesOnly = only != null && only.isEmpty();
        if (!indexesOnly) {
            // Static, and linked from every page's header: written with the posts (the hourly index refresh skips it).
            put(written, Glossary.PATH, Glossary.render());
        }

        Set<Integer> indices = new LinkedHashSet<>();
        for (int i = 0; i < experiments.size(); i++) {
            if (only == null || only.contains(experiments.get(i).experimentId())) {
                indices.add(i);
                if (only != null) {
                    // Neighbours' newer/older links point at this post.
                    if (i > 0) {
                        indices.add(i - 1);
                    }
                    if (i + 1 < experiments.size()) {
                        indices.add(i + 1);
                    }
                }
            }
        }
        Map<String, Experiment> byId = new HashMap<>();
        experiments.forEach(e -> byId.put(e.experimentId(), e));
        Map<String, ComparePage.Item> items = new HashMap<>();
        for (int i : indices) {
            Experiment e = experiments.get(i);
            Experiment parent = e.parentId() == null ? null : byId.get(e.parentId());
            ComparePage.Item item = item(items, e);
            ComparePage.Item parentItem = parent == null ? null : item(items, parent);
            String trace = text(e.plannerLog());
            ExperimentPage.Input in = new ExperimentPage.Input(e, item.source(), parent,
                    parentItem == null ? null : parentItem.source(), item.evaluation(),
                    i > 0 ? experiments.get(i - 1) : null, i + 1 < experiments.size() ? experiments.get(i + 1) : null, trace);
            put(written, ExperimentPage.path(e.experimentId()), ExperimentPage.render(in));
            if (trace != null) {
                put(written, ExperimentPage.plannerPath(e.experimentId()), trace);
            }
            put(written, ExperimentPage.rawPath(e.experimentId()), rawJson(e, item.evaluation()));
            if (parentItem != null) {
                put(written, ComparePage.path(List.of(parent.experimentId(), e.experimentId())), ComparePage.render(List.of(parentItem, item)));
            }
        }
        // The run's best three (by the score), side by side: linked from the experiments table.
        List<Experiment> best = experiments.stream().filter(e -> e.bdRatePercent() != null && !e.bdRatePercent().isNaN())
                .sorted(java.util.Comparator.comparingDouble(Experiment::bdRatePercent)).limit(3).toList();
        if (best.size() >= 2 && !indexesOnly) {
            put(written, ComparePage.path(best.stream().map(Experiment::experimentId).toList()),
                    ComparePage.render(best.stream().map(e -> item(items, e)).toList()));
        }
        return new Result(written);
    }

    /**
     * A compare page for any two or three experiments of a run ({@code codec-lab report --compare A,B[,C]}); returns
     * its path relative to the site root.
     *
     * @throws IllegalArgumentException when there are not two or three ids, or one is not in the run
     */
    public String compare(String runId, List<String> experimentIds) {
        if (experimentIds.size() < 2 || experimentIds.size() > 3) {
            throw new IllegalArgumentException("compare takes two or three experiment ids, got " + experimentIds.size());
        }
        Map<String, Experiment> byId = new HashMap<>();
        source.experimentsNewestFirst(runId).forEach(e -> byId.put(e.experimentId(), e));
        Map<String, ComparePage.Item> items = new HashMap<>();
        List<ComparePage.Item> chosen = new ArrayList<>();
        for (String id : experimentIds) {
            Experiment e = byId.get(id);
            if (e == null) {
                throw new IllegalArgumentException("no experiment " + id + " in run " + runId);
            }
            chosen.add(item(items, e));
        }
        String path = ComparePage.path(experimentIds);
        out.write(path, ComparePage.render(chosen));
        return path;
    }

    /** An experiment with its source and evaluation, each read once per generation. */
    private ComparePage.Item item(Map<String, ComparePage.Item> cache, Experiment e) {
        return cache.computeIfAbsent(e.experimentId(), id -> new ComparePage.Item(e, text(e.sourceHash()),
                e.evaluationHash() == null ? null : source.evaluation(e.evaluationHash()).orElse(null)));
    }

    private String text(String hash) {
        return hash == null ? null : source.source(hash).orElse(null);
    }

    private void put(List<String> written, String path, String content) {
        out.write(path, content);
        written.add(path);
    }

    /** The raw numbers of one experiment: its store record and its full evaluation (null when none). */
    static String rawJson(Experiment e, Evaluation evaluation) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("experiment", e);
        doc.put("evaluation", evaluation);
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write the raw numbers of " + e.experimentId() + " as JSON: " + ex.getMessage(), ex);
        }
    }

    private List<RunListPage.Row> runRows(List<SiteSource.Run> runs, String current, Map<String, DashboardInput> dashboards) {
        List<RunListPage.Row> rows = new ArrayList<>();
        for (SiteSource.Run r : runs) {
            List<Experiment> ex = source.experimentsNewestFirst(r.runId());
            Double best = ex.stream().filter(Experiment::completed).map(Experiment::ratioToBaseline).filter(Objects::nonNull)
                    .min(Double::compare).orElse(null);
            DashboardInput d = dashboards.get(r.runId());
            boolean isCurrent = r.runId().equals(current);
            codeclab.core.RunCounts counts = codeclab.core.RunCounts.of(ex);
            rows.add(new RunListPage.Row(r.runId(), r.startedAt(), counts.planned(), counts.completed(),
                    best, d == null ? null : d.verdict(), d == null ? null : d.severity(), isCurrent ? DashboardPage.PATH : null, isCurrent));
        }
        return rows;
    }

    /** A dashboard for a run the monitor has not judged yet: counts only, no verdict of our own. */
    private DashboardInput unjudged(String runId, List<Experiment> experiments) {
        Map<OutcomeKind, Long> byOutcome = new EnumMap<>(OutcomeKind.class);
        Map<ExperimentStatus, Long> byStatus = new EnumMap<>(ExperimentStatus.class);
        for (Experiment e : experiments) {
            if (e.outcome() != null) {
                byOutcome.merge(e.outcome(), 1L, Long::sum);
            }
            if (e.status() != null) {
                byStatus.merge(e.status(), 1L, Long::sum);
            }
        }
        Instant started = experiments.stream().map(Experiment::createdAt).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
        return new DashboardInput(runId, clock.instant(), started, "NOT_JUDGED", DashboardInput.Severity.INFO,
                List.of(experiments.isEmpty() ? "no experiments yet" : "the monitor has not reported on this run yet"),
                experiments.size(), experiments.stream().filter(Experiment::completed).count(), byOutcome, byStatus,
                null, null, null, List.of(), null, null, List.of(), 0, 0, List.of(), null, List.of(),
                experiments.stream().mapToDouble(Experiment::costUsd).sum(),
                experiments.isEmpty() ? List.of() : List.of("not audited: the monitor has not reported on this run yet"));
    }
}
