package codeclab.store;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDynamoTest {

    @TempDir
    Path data;

    @Test
    void dataPersistsAcrossARestartOnTheSameFolder() {
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        String id = ExperimentIds.next(t);
        try (EmbeddedDynamo dynamo = EmbeddedDynamo.start(data);
             DynamoExperimentStore store = DynamoExperimentStore.create(DynamoConfig.local(dynamo.endpoint()))) {
            store.createTables();
            store.createRun("r1", t);
            store.plan(new Experiment("r1", id, ExperimentStatus.PLANNED, null, null, "p", null, "h", null, null, t,
                    null, null, null, null, 0.5));
            store.finish("r1", id, FinalResult.ok(-4.5, 700.0, 1000.0, null), "e#record");
        }
        try (LocalStore local = LocalStore.open(data)) { // createTables again: idempotent on existing tables
            DynamoExperimentStore store = local.experiments();
            Experiment back = store.get("r1", id);
            assertThat(back.outcome()).isEqualTo(OutcomeKind.OK);
            assertThat(back.bdRatePercent()).isEqualTo(-4.5);
            assertThat(store.getRun("r1").bestRatio()).isEqualTo(0.7);
            assertThat(store.getRun("r1").finished()).isEqualTo(1);
        }
    }

    @Test
    void aSecondServerOnTheSameFolderIsRefusedWithAClearMessageAndCloseStopsTheProcess() {
        EmbeddedDynamo first = EmbeddedDynamo.start(data);
        try {
            assertThatThrownBy(() -> EmbeddedDynamo.start(data))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another codec-lab process");
        } finally {
            first.close();
        }
        assertThat(first.isRunning()).isFalse();
        first.close(); // idempotent
    }

    @Test
    void aMissingDynaliteSaysHowToInstallIt() {
        assertThatThrownBy(() -> EmbeddedDynamo.start(null,
                new EmbeddedDynamo.Options(data.resolve("nowhere/cli.js"), java.time.Duration.ofSeconds(5))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cli.js");
        assertThat(EmbeddedDynamo.findDynalite(null).toString()).endsWith("dynalite/cli.js");
    }
}
