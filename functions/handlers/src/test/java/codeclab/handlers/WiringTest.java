package codeclab.handlers;

import codeclab.store.ExperimentStore;
import org.junit.jupiter.api.Test;

import java.util.Map;

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

    @Test
    void siteIsOnWhereThereIsABucketUnlessSwitchedOff() {
        assertThat(Wiring.siteEnabled(Map.of("CODEC_LAB_BUCKET", "lab-artifacts"))).isTrue();
        assertThat(Wiring.siteEnabled(Map.of())).isFalse();
        assertThat(Wiring.siteEnabled(Map.of("CODEC_LAB_BUCKET", "b", "CODEC_LAB_SITE", "false"))).isFalse();
        assertThat(Wiring.siteEnabled(Map.of("CODEC_LAB_SITE", "true"))).isTrue();
        assertThatThrownBy(() -> Wiring.siteEnabled(Map.of("CODEC_LAB_SITE", "maybe")))
                .hasMessageContaining("CODEC_LAB_SITE='maybe' must be true or false");
    }
}
