package codeclab.monitor;

import codeclab.core.Experiment;
import codeclab.core.OutcomeKind;
import codeclab.monitor.alert.AlertPolicy;
import codeclab.monitor.alert.AlertPublisher;
import codeclab.monitor.analysis.Analysis;
import codeclab.monitor.analysis.Analyzer;
import codeclab.monitor.analysis.DataQuality;
import codeclab.monitor.analysis.RunSummary;
import codeclab.monitor.metrics.MetricsSink;
import codeclab.monitor.metrics.MonitorMetrics;
import codeclab.monitor.report.Report;
import codeclab.monitor.report.ReportRenderer;
import codeclab.monitor.rules.Indicator;
import codeclab.monitor.rules.Issue;
import codeclab.monitor.rules.Rule;
import codeclab.monitor.rules.Rules;
import codeclab.monitor.rules.SuccessCriteria;
import codeclab.monitor.rules.Timeline;
import codeclab.monitor.source.Cursor;
import codeclab.monitor.source.MonitorSource;
import codeclab.monitor.source.MonitorState;
import codeclab.monitor.source.MonitorStateStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The hourly judgement of one run: reads what finished since the last run (plus the run's counters), folds it
 * into the saved summary, analyses, applies the plan's rules, decides whether to alert, emits the metrics,
 * optionally pauses the loop, saves its state and returns the report. Deterministic given {@code now}.
 *
 * <p>Cost per run: one counters read, the new finished experiments (paged), the in-flight ones, one state read
 * and one conditional state write &mdash; independent of the run's history. The alert is published before the
 * state is saved (at-least-once: a failed save re-alerts on the next run rather than losing the alert).
 */
public final class MonitorService {

    private static final System.Logger LOG = System.getLogger(MonitorService.class.getName());
    /** FIX_CODE causes the planner itself can act on when told (planner hints). */
    static final java.util.Set<String> PLANNER_CAUSES = java.util.Set.of("repeated-validation-errors",
            "repeated-execution-error", "planner-repeating", "no-progress", "too-slow-from-the-start");

    private final MonitorSource source;
    private final MonitorStateStore states;
    private final MonitorConfig config;
    private final AlertPublisher publisher;
    private final MetricsSink metrics;
    private final LoopControl loop;
    private final Analyzer analyzer;
    private final AlertPolicy policy;
    private final List<Rule> rules;

    /**
     * @param publisher where alerts go, or null to decide without sending (and without touching the alert memory)
     * @param metrics   where metrics go, or null
     * @param loop      loop control for {@code autoPause}, or null
     */
    public MonitorService(MonitorSource source, MonitorStateStore states, MonitorConfig config,
                          AlertPublisher publisher, MetricsSink metrics, LoopControl loop) {
        this.source = Objects.requireNonNull(source, "source");
        this.states = Objects.requireNonNull(states, "states");
        this.config = Objects.requireNonNull(config, "config");
        this.publisher = publisher;
        this.metrics = metrics;
        this.loop = loop;
        this.analyzer = new Analyzer(config);
        this.policy = new AlertPolicy(config.criticalRepeat(), config.digestHourUtc());
        this.rules = Rules.table(config);
    }

    public Report run(String runId, Instant now) {
        var agg = source.aggregates(runId).orElseThrow(() -> new IllegalArgumentException(
                "no run " + runId + " in the store; list runs with `codec-lab runs` or start one with `codec-lab fresh-start`"));
        MonitorState state = states.load(runId).orElseGet(() -> MonitorState.initial(runId, agg.startedAt()));

        RunSummary previous = state.summary();
        RunSummary.Builder builder = previous.toBuilder(config);
        Cursor cursor = state.cursor();
        List<Experiment> page;
        do {
            page = source.experimentsSince(runId, cursor, config.pageSize());
            for (Experiment e : page) {
                builder.add(e);
                for (DataQuality.Finding f : DataQuality.check(e)) {
                    builder.finding(f.kind(), f.toString());
                }
                cursor = new Cursor(e.finishedAt() == null ? Instant.EPOCH : e.finishedAt(), e.experimentId());
            }
        } while (page.size() == config.pageSize());
        RunSummary summary = builder.build(now);
        List<Experiment> inFlight = source.inFlight(runId);

        Analysis analysis = analyzer.analyze(agg, summary, inFlight, null, now);
        Rules.Decision decision = Rules.decide(analysis, rules);
        List<Issue> issues = Issue.evaluate(analysis, config);
        Severity severity = issues.stream().filter(Issue::present).map(Issue::severity)
                .reduce(decision.severity(), Severity::max);
        AlertPolicy.Decision alert = policy.decide(state.alerts(), decision.verdict(), severity, now);
        // A published alert at or after the digest hour carries the day's morning review.
        boolean digest = alert.publish() && !Objects.equals(alert.memory().lastDigestDate(), state.alerts().lastDigestDate());
        if (digest) {
            // The orphan scan may read the whole artifact index: once a day, in the digest only.
            var inventory = source.artifactInventory(runId).orElse(null);
            if (inventory != null) {
                analysis = analyzer.analyze(agg, summary, inFlight, inventory, now);
            }
        }

        List<String> hints = plannerHints(decision, analysis);
        List<String> actions = actions(runId, decision);
        Report.Change change = state.lastRunAt() == null ? null : new Report.Change(state.lastRunAt(),
                state.alerts().lastVerdict(), summary.counts().finished() - previous.counts().finished(),
                summary.counts().completed() - previous.counts().completed(),
                summary.counts().measured() - previous.counts().measured(),
                previous.bestCurve().isEmpty() ? null : previous.bestCurve().get(previous.bestCurve().size() - 1).bdRate(),
                analysis.best() == null ? null : analysis.best().bdRate());
        Report report = new Report(runId, now, decision.verdict(), severity, decision.reasons(), decision.fired(),
                analysis, Indicator.evaluate(analysis, config), issues,
                Timeline.check(analysis, Timeline.plan(config)), SuccessCriteria.evaluate(analysis, config),
                hints, actions, alert, config.dashboardUrl(), config.blogUrl(), decision.cause(),
                decision.decisive().action(), decision.paused(), change);

        var memory = state.alerts();
        if (publisher != null) {
            memory = alert.memory();
            if (alert.publish()) {
                String body = digest
                        ? ReportRenderer.morningReview(report) + "\n" + ReportRenderer.text(report)
                        : ReportRenderer.text(report);
                String id = publisher.publish(ReportRenderer.subject(report), body);
                LOG.log(System.Logger.Level.INFO, "published {0} alert {1} for run {2}: {3}", alert.kind(), id, runId, alert.why());
            }
        }
        if (metrics != null) {
            metrics.emit(runId, now, MonitorMetrics.of(analysis));
        }
        states.save(new MonitorState(runId, state.version() + 1, cursor, summary, memory, now));
        return report;
    }

    private List<String> plannerHints(Rules.Decision decision, Analysis a) {
        // Only causes the planner can act on reach its prompt (not a stalled loop or an unreachable endpoint).
        if (!config.plannerHints() || decision.verdict() != Verdict.FIX_CODE || !PLANNER_CAUSES.contains(decision.cause())) {
            return List.of();
        }
        List<String> hints = new ArrayList<>(decision.reasons());
        a.errors().stream().filter(g -> g.outcome() == OutcomeKind.FORBIDDEN_API).findFirst()
                .ifPresent(g -> hints.add("most frequent sandbox violation (" + g.count() + "x): " + g.sampleMessage()
                        + " - use only the codec toolkit and java.lang/java.util basics"));
        LOG.log(System.Logger.Level.INFO, "planner hints for the next prompt: {0}", hints);
        return hints;
    }

    private List<String> actions(String runId, Rules.Decision decision) {
        if (decision.verdict() != Verdict.PURGE_AND_RESTART) {
            return List.of();
        }
        String reason = "monitor verdict PURGE_AND_RESTART for run " + runId + ": " + String.join("; ", decision.reasons());
        if (decision.paused() || loop != null && config.autoPause() && loop.paused()) {
            return List.of("none: the loop is already paused");
        }
        if (!config.autoPause() || loop == null) {
            return List.of("none (autoPause is off): the monitor would have paused the loop");
        }
        loop.pause(reason);
        LOG.log(System.Logger.Level.WARNING, "paused the loop: {0}", reason);
        return List.of("paused the loop: " + reason);
    }
}
