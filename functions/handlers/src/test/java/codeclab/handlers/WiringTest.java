package codeclab.handlers;

import codeclab.store.ExperimentStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WiringTest {

    @Test
    void functionsWithoutTablesGetAStoreThatRefusesLoudly() {
        ExperimentStore none = Wiring.noStore("codec-lab-execute");
        assertThat(none.toString()).isEqualTo("no store (codec-lab-execute)");
        assertThatThrownBy(() -> none.getRun("r"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("codec-lab-execute has no experiment store").hasMessageContaining("getRun");
    }
}
