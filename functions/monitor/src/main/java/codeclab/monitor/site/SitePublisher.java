package codeclab.monitor.site;

import codeclab.core.Experiment;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.ops.Operations;
import codeclab.monitor.report.Report;
import codeclab.site.DashboardInput;
import codeclab.site.SiteGenerator;
import codeclab.site.SiteOutput;
import codeclab.site.SiteSource;
import codeclab.store.ArtifactStore;
import codeclab.store.ExperimentStore;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the static site from the store: each live run's dashboard numbers are the monitor's judgement
 * ({@link Operations#analyze}, read-only, unless the caller passes the report it just made) mapped by
 * {@link DashboardMapper}; pages come from {@link SiteGenerator}. Three cuts of the same site:
 * <ul>
 *   <li>{@link #all}: every page (codec-lab report, the end of codec-lab run);</li>
 *   <li>{@link #indexes}: dashboard, run list, archive and blog index (the hourly monitor);</li>
 *   <li>{@link #posts}: some experiments' posts, their neighbours and the run's blog index (record, per experiment).</li>
 * </ul>
 */
public final class SitePublisher {

    private final ExperimentStore store;
    private final ArtifactStore artifacts;
    private final Operations operations;
    private final MonitorConfig config;
    private final Clock clock;
    private final codeclab.site.CliCommand cli;

    public SitePublisher(ExperimentStore store, ArtifactStore artifacts, Operations operations, MonitorConfig config, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.operations = Objects.requireNonNull(operations, "operations");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cli = codeclab.site.CliCommand.DEFAULT;
    }

    private SitePublisher(SitePublisher p, codeclab.site.CliCommand cli) {
        this.store = p.store;
        this.artifacts = p.artifacts;
        this.operations = p.operations;
        this.config = p.config;
        this.clock = p.clock;
        this.cli = Objects.requireNonNull(cli, "cli");
    }

    /** This publisher with the pages' commands spelled as {@code cli} (the CLI passes its launcher and --data/--stack). */
    public SitePublisher withCommand(codeclab.site.CliCommand cli) {
        return new SitePublisher(this, cli);
    }

    /**
     * What a generation did.
     *
     * @param runId       the run whose dashboard is {@code index.html} (null when there is no run at all)
     * @param report      the monitor's report of that run, or null when there is none
     * @param dashboard   its dashboard numbers, or null
     * @param written     pages written, relative to the site root
     * @param runs        live runs on the run list
     * @param experiments experiments of the run
     * @param posts       posts written (HTML pages under blog/ other than the index)
     */
    public record Published(String runId, Report report, DashboardInput dashboard, List<String> written, int runs,
                            int experiments, int posts) {
        public Published {
            written = List.copyOf(written);
        }
    }

    /** Every page. {@code runId} null: the current run (else the newest); {@code report} null: analysed here. */
    public Published all(String runId, Report report, SiteOutput out) {
        return publish(runId, report, out, null);
    }

    /** The index pages only: dashboard, run list, archive, blog index. */
    public Published indexes(String runId, Report report, SiteOutput out) {
        return publish(runId, report, out, Set.of());
    }

    /**
     * The posts of {@code experimentIds} of run {@code runId} (and their neighbours, whose pager links change) plus that
     * run's blog index: what record does after each experiment. It reads that run's experiments and the posts' own
     * artifacts only, so its work does not grow with other runs or with their evaluations; the dashboard, run list
     * and archive pages are {@link #indexes}' (the hourly monitor).
     */
    public Published posts(String runId, Collection<String> experimentIds, SiteOutput out) {
        StoreSiteSource source = new StoreSiteSource(store, artifacts, operations);
        SiteGenerator.Result result = new SiteGenerator(source, out, clock).generatePostsOnly(runId, experimentIds);
        int posts = postCount(result);
        return new Published(runId, null, null, result.written(), 0, source.experimentsNewestFirst(runId).size(), posts);
    }

    private Published publish(String runId, Report report, SiteOutput out, Set<String> only) {
        StoreSiteSource source = new StoreSiteSource(store, artifacts, operations);
        List<SiteSource.Run> runs = source.runs();
        String current = runId != null ? runId : store.currentRun()
                .filter(id -> runs.stream().anyMatch(r -> r.runId().equals(id)))
                .orElse(runs.isEmpty() ? null : runs.get(0).runId());
        Map<String, DashboardInput> dashboards = new LinkedHashMap<>();
        Report currentReport = null;
        for (SiteSource.Run r : runs) {
            Report rep = report != null && r.runId().equals(report.runId()) ? report : operations.analyze(r.runId(), config);
            List<Experiment> experiments = source.experimentsNewestFirst(r.runId());
            dashboards.put(r.runId(), DashboardMapper.map(rep, experiments, source::evaluation, config));
            if (r.runId().equals(current)) {
                currentReport = rep;
            }
        }
        SiteGenerator generator = new SiteGenerator(source, out, clock, cli);
        SiteGenerator.Result result = only == null ? generator.generate(current, dashboards)
                : generator.generatePosts(current, dashboards, only);
        int posts = postCount(result);
        return new Published(current, currentReport, current == null ? null : dashboards.get(current), result.written(),
                runs.size(), current == null ? 0 : source.experimentsNewestFirst(current).size(), posts);
    }

    /** Posts only: the blog index and the compare pages live under blog/ too. */
    private static int postCount(SiteGenerator.Result result) {
        return (int) result.written().stream().filter(p -> p.startsWith("blog/") && p.endsWith(".html")
                && !p.equals("blog/index.html") && !p.startsWith("blog/compare-")).count();
    }
}
