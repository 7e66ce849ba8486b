package codeclab.loop;

import codeclab.core.ExperimentStatus;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.ops.Operations;
import codeclab.monitor.ops.ScheduleControl;
import codeclab.monitor.site.SitePublisher;
import codeclab.planner.evolve.EvolutionaryPlanner;
import codeclab.site.SiteOutput;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.EmbeddedDynamo;
import codeclab.store.FileArtifactStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Record writes the experiment's post after recording it, reading nothing but that run; a failing site never fails
 * the record.
 */
class RecordSitePostsTest {

    @TempDir
    static Path dir;
    static EmbeddedDynamo dynamo;
    static DynamoExperimentStore store;
    static FileArtifactStore artifacts;
    static LoopService loop;
    static SitePublisher publisher;

    @BeforeAll
    static void start() {
        dynamo = EmbeddedDynamo.inMemory();
        store = DynamoExperimentStore.create(DynamoConfig.local(dynamo.endpoint())).createTables();
        artifacts = new FileArtifactStore(dir.resolve("artifacts"));
        loop = LoopFactory.create(store, artifacts, new EvolutionaryPlanner(), LoopConfig.defaults().withClipSet("tiny"), dir, null);
        Operations ops = new Operations(store, artifacts, ScheduleControl.NONE, Clock.systemUTC());
        publisher = new SitePublisher(store, artifacts, ops, MonitorConfig.defaults(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        store.close();
        dynamo.close();
    }

    /** Plans one experiment in {@code run} and records it as a validation failure through {@code l}. */
    static Events.Recorded planAndRecordInvalid(LoopService l, String run) {
        Events.Planned p = l.plan(run, "0");
        return l.record(new Events.RecordEvent(run, "0", p.experimentId(), p.sourceKey(), null, null,
                new Events.Validation(false, "COMPILE_ERROR", "C.java:1: error: ';' expected"), null, null));
    }

    @Test
    void recordWritesThePostItsNeighbourTheBlogIndexAndTheNotFoundPageButNotTheMonitorsPages() throws Exception {
        Path site = dir.resolve("site");
        LoopService withSite = loop.withAfterRecord(new SitePosts(publisher, SiteOutput.folder(site)));
        Events.Recorded first = planAndRecordInvalid(withSite, "posts");
        Events.Recorded second = planAndRecordInvalid(withSite, "posts");

        assertThat(site.resolve("blog/" + first.experimentId() + ".html")).exists();
        String post = Files.readString(site.resolve("blog/" + second.experimentId() + ".html"));
        assertThat(post).contains(second.experimentId(), "COMPILE_ERROR", "&#39;;&#39; expected");
        // The older post was rewritten too: its "newer" link now points at the second one.
        assertThat(Files.readString(site.resolve("blog/" + first.experimentId() + ".html")))
                .contains(second.experimentId() + ".html");
        assertThat(Files.readString(site.resolve("blog/index.html"))).contains("<table id=\"experiments\"");
        assertThat(Files.readString(site.resolve(SitePosts.NOT_FOUND_PAGE))).contains("Not found", "/index.html");
        // The dashboard, run list and archive are the hourly monitor's: record's work stays within its run.
        assertThat(site.resolve("index.html")).doesNotExist();
        assertThat(site.resolve("runs.html")).doesNotExist();
        assertThat(site.resolve("archive.html")).doesNotExist();
    }

    @Test
    void recordsSitePostReadsOnlyItsOwnRunWhateverTheHistory() {
        for (int i = 0; i < 3; i++) {
            planAndRecordInvalid(loop, "older-run");
        }
        List<String> touched = new ArrayList<>();
        codeclab.store.ExperimentStore watched = (codeclab.store.ExperimentStore) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {codeclab.store.ExperimentStore.class}, (proxy, m, args) -> {
                    touched.add(m.getName() + (args != null && args.length > 0 && args[0] instanceof String r ? ":" + r : ""));
                    try {
                        return m.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Operations ops = new Operations(watched, artifacts, ScheduleControl.NONE, Clock.systemUTC());
        SitePublisher watchedPublisher = new SitePublisher(watched, artifacts, ops, MonitorConfig.defaults(), Clock.systemUTC());
        Path site = dir.resolve("site-watched");
        Events.Recorded r = planAndRecordInvalid(loop.withAfterRecord(new SitePosts(watchedPublisher, SiteOutput.folder(site))),
                "current-run");
        assertThat(site.resolve("blog/" + r.experimentId() + ".html")).exists();
        assertThat(touched).isNotEmpty().allSatisfy(call -> assertThat(call).endsWith(":current-run"));
        assertThat(touched).noneMatch(call -> call.startsWith("listRuns"));
    }

    @Test
    void aFailingSiteNeverFailsTheRecord() {
        List<String> attempted = new ArrayList<>();
        LoopService broken = loop.withAfterRecord(new SitePosts(publisher, (path, content) -> {
            attempted.add(path);
            throw new IllegalStateException("bucket unavailable");
        }));
        Events.Recorded r = planAndRecordInvalid(broken, "isolated");
        assertThat(attempted).isNotEmpty();
        assertThat(r.status()).isEqualTo("INVALID");
        assertThat(store.get("isolated", r.experimentId()).status()).isEqualTo(ExperimentStatus.INVALID);
        assertThat(store.getRun("isolated").finished()).isEqualTo(1);

        // Not only site errors: whatever the follow-up throws, the record stands.
        Events.Recorded again = planAndRecordInvalid(loop.withAfterRecord(x -> {
            throw new NullPointerException("boom");
        }), "isolated");
        assertThat(store.getRun("isolated").finished()).isEqualTo(2);
        assertThat(again.replay()).isFalse();
    }
}
