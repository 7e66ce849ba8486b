package codeclab.loop;

import codeclab.sandbox.SandboxConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Lambda environment configures the sandbox's literal-data limit and OS wall. */
class SandboxSettingsTest {

    @Test
    void theLiteralDataLimitAndTheOsWallComeFromTheEnvironment() {
        SandboxConfig s = LoopFactory.configFrom(Map.of("CODEC_LAB_MAX_LITERAL_DATA_BYTES", "4096",
                "CODEC_LAB_OS_WALL", "required")).sandbox();
        assertThat(s.maxLiteralDataBytes()).isEqualTo(4096);
        assertThat(s.osWall()).isEqualTo(SandboxConfig.WallMode.REQUIRED);
    }

    @Test
    void withoutThemTheDefaultsHold() {
        SandboxConfig s = LoopFactory.configFrom(Map.of()).sandbox();
        assertThat(s.maxLiteralDataBytes()).isEqualTo(SandboxConfig.DEFAULT_MAX_LITERAL_DATA_BYTES).isEqualTo(16 * 1024);
        assertThat(s.osWall()).isEqualTo(SandboxConfig.WallMode.AUTO);
    }

    @Test
    void aBadWallModeSaysWhatIsAllowed() {
        assertThatThrownBy(() -> LoopFactory.configFrom(Map.of("CODEC_LAB_OS_WALL", "maybe")))
                .hasMessageContaining("CODEC_LAB_OS_WALL='maybe' is not AUTO, REQUIRED or OFF");
    }
}
