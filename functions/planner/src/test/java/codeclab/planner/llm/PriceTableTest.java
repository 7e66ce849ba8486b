package codeclab.planner.llm;

import codeclab.planner.PlannerChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prices by model: the dated default table, a prices file in front of it, a given price, and refusal of unknown models. */
class PriceTableTest {

    @Test
    void gpt41IsBilledAtItsOwnPriceNotAtOpusRates() {
        ModelPrice p = PriceTable.defaults().require("gpt-4.1");
        assertThat(p.inputPerMillion()).isEqualTo(2);
        assertThat(p.outputPerMillion()).isEqualTo(8);
        assertThat(p.source()).contains("default table").contains("2025-11").contains("'gpt-4.1'");
        assertThat(PriceTable.defaults().require("gpt-4.1-mini").inputPerMillion()).isEqualTo(0.4);
        assertThat(PriceTable.defaults().require("gpt-4o-mini-2024-07-18").outputPerMillion()).isEqualTo(0.6);
    }

    @Test
    void bedrockIdsMatchTheirFamily() {
        assertThat(PriceTable.defaults().require("us.anthropic.claude-sonnet-4-5-20250929-v1:0").outputPerMillion()).isEqualTo(15);
        assertThat(PriceTable.defaults().require("anthropic.claude-opus-4-1-20250805-v1:0").outputPerMillion()).isEqualTo(75);
        assertThat(PriceTable.defaults().require("global.anthropic.claude-opus-4-5-20251101-v1:0").outputPerMillion()).isEqualTo(25);
        assertThat(PriceTable.defaults().require("amazon.nova-pro-v1:0").inputPerMillion()).isEqualTo(0.8);
    }

    @Test
    void anUnknownModelIsRefusedWithHowToGiveAPrice() {
        assertThatThrownBy(() -> PriceTable.defaults().require("my-local-llama"))
                .hasMessageContaining("no price known for model 'my-local-llama'").hasMessageContaining("--price IN,OUT");
        assertThatThrownBy(() -> new PlannerChoice(PlannerChoice.Kind.OPENAI, "my-local-llama", "http://127.0.0.1:1/v1", null, 5))
                .hasMessageContaining("--price");
    }

    @Test
    void aGivenPriceOrAPricesFileWins(@TempDir Path dir) throws Exception {
        LlmSettings d = LlmSettings.defaults();
        LlmSettings given = new LlmSettings(d.options(), "0,0", null, d.callTimeout(), d.planTimeout(), d.attempts());
        assertThat(given.priceFor("my-local-llama").usd(1_000_000, 1_000_000)).isZero();
        assertThat(new PlannerChoice(PlannerChoice.Kind.OPENAI, "my-local-llama", "http://127.0.0.1:1/v1", null, 5, given).llm())
                .isEqualTo(given);

        Path file = dir.resolve("prices.properties");
        Files.writeString(file, "# checked: 2026-12-01\ngpt-4.1 = 1.5, 6\nmy-local = 0.1, 0.2\n");
        LlmSettings fromFile = new LlmSettings(d.options(), null, file, d.callTimeout(), d.planTimeout(), d.attempts());
        assertThat(fromFile.priceFor("gpt-4.1").outputPerMillion()).isEqualTo(6);
        assertThat(fromFile.priceFor("my-local-llama").source()).contains(file.toString()).contains("2026-12-01");
        assertThat(fromFile.priceFor("gpt-4o").inputPerMillion()).isEqualTo(2.5); // defaults behind the file
    }

    @Test
    void aBadPriceSaysTheFormat() {
        assertThatThrownBy(() -> ModelPrice.parse("cheap", "--price")).hasMessageContaining("IN,OUT");
        assertThatThrownBy(() -> ModelPrice.parse("1,-2", "--price")).hasMessageContaining(">= 0");
    }

    @Test
    void theEnvironmentConfiguresOutputPriceAndTimesTogether() {
        LlmSettings s = LlmSettings.fromEnvironment(java.util.Map.of("CODEC_LAB_MAX_TOKENS", "16000", "CODEC_LAB_TEMPERATURE", "none",
                "CODEC_LAB_REASONING_EFFORT", "low", "CODEC_LAB_LLM_PRICE", "2,8", "CODEC_LAB_LLM_CALL_TIMEOUT_S", "120",
                "CODEC_LAB_PLAN_TIMEOUT_S", "500", "CODEC_LAB_LLM_ATTEMPTS", "3"));
        assertThat(s.options()).isEqualTo(new ChatOptions(16000, null, "low", null));
        LlmConfig c = s.config("anything", 7);
        assertThat(c.callTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.planTimeout()).isEqualTo(Duration.ofSeconds(500));
        assertThat(c.maxAttempts()).isEqualTo(3);
        assertThat(c.budgetUsd()).isEqualTo(7);
        assertThat(c.price().outputPerMillion()).isEqualTo(8);
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(java.util.Map.of("CODEC_LAB_LLM_CALL_TIMEOUT_S", "900",
                "CODEC_LAB_PLAN_TIMEOUT_S", "500")).config("gpt-4.1", 1)).hasMessageContaining("--plan-timeout");
    }
}
