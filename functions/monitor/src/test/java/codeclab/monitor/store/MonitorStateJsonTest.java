package codeclab.monitor.store;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.alert.AlertMemory;
import codeclab.monitor.analysis.RunSummary;
import codeclab.monitor.source.Cursor;
import codeclab.monitor.source.MonitorState;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MonitorStateJsonTest {

    static final Instant T0 = Instant.parse("2026-11-30T22:00:00Z");

    static MonitorState state() {
        RunSummary s = RunSummary.empty(T0).toBuilder(MonitorConfig.defaults())
                .add(new Experiment("r", "e1", ExperimentStatus.COMPLETED, OutcomeKind.OK, null, "p", null, "h", "src1",
                        "ev", T0, T0.plusSeconds(60), -12.5, 800.0, 1000.0, 0))
                // A failure in an hour without a measurement: its bucket's minimum BD-rate is +Infinity.
                .add(new Experiment("r", "e2", ExperimentStatus.INVALID, OutcomeKind.COMPILE_ERROR, "x: error: y", "p", null,
                        "h", "src2", null, T0, T0.plusSeconds(3700), null, null, null, 0))
                .build(T0.plusSeconds(120));
        return new MonitorState("r", 7, new Cursor(T0.plusSeconds(3700), "e2"), s, AlertMemory.NONE, T0.plusSeconds(120));
    }

    @Test
    void aStateRoundTripsWithItsCountsAndScores() {
        MonitorState st = state();
        var back = MonitorStateJson.read("r", MonitorStateJson.write(st, new ScanPosition("e1", Set.of(), Set.of())));
        assertThat(back.state()).isEqualTo(st);
        assertThat(back.state().summary().counts().measured()).isEqualTo(1);
        assertThat(back.scan().watermark()).isEqualTo("e1");
    }

    @Test
    void aStateWrittenBeforeCountsIsReadAgainFromTheStartKeepingItsVersion() throws Exception {
        ObjectNode root = (ObjectNode) MonitorStateJson.MAPPER.readTree(
                MonitorStateJson.write(state(), new ScanPosition("e1", Set.of(), Set.of())));
        ((ObjectNode) root.path("state").path("summary")).remove("counts");
        var back = MonitorStateJson.read("r", MonitorStateJson.MAPPER.writeValueAsString(root));
        assertThat(back.state().version()).isEqualTo(7);
        assertThat(back.state().cursor()).isEqualTo(Cursor.START);
        assertThat(back.state().summary()).isEqualTo(RunSummary.empty(T0));
        assertThat(back.scan()).isEqualTo(ScanPosition.START);
    }
}
