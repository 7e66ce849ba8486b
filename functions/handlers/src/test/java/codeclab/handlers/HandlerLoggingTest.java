package codeclab.handlers;

import codeclab.loop.LoopConfig;
import codeclab.loop.LoopFactory;
import codeclab.loop.LoopService;
import codeclab.planner.evolve.EvolutionaryPlanner;
import codeclab.store.FileArtifactStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.OutputStreamAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The handlers' log lines in Lambda's shape: the Powertools JSON layout the Lambda configuration selects,
 * attached here to the handlers' logger (the test JVM has no AWS_LAMBDA_FUNCTION_NAME, so the bundled log4j2.xml is
 * in its quiet local mode, which the last test checks).
 */
class HandlerLoggingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private OutputStreamAppender appender;
    private Level previous;
    private LoopService loop;
    private FileArtifactStore artifacts;

    @BeforeEach
    void jsonLogs() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder().setConfiguration(cfg)
                .setEventTemplateUri("classpath:LambdaJsonLayout.json").build();
        appender = OutputStreamAppender.newBuilder().setName("json-test").setLayout(layout).setTarget(out)
                .setConfiguration(cfg).build();
        appender.start();
        previous = cfg.getRootLogger().getLevel();
        LoggerConfig handlers = new LoggerConfig("codeclab.handlers", Level.INFO, false);
        handlers.addAppender(appender, Level.INFO, null);
        cfg.addLogger("codeclab.handlers", handlers);
        ctx.updateLoggers();
        artifacts = new FileArtifactStore(dir.resolve("artifacts"));
        // Validate never touches the experiment store (on AWS its function has no DynamoDB permission): none given.
        loop = LoopFactory.create(null, artifacts, new EvolutionaryPlanner(), LoopConfig.defaults(), dir, null);
    }

    @AfterEach
    void restore() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().removeLogger("codeclab.handlers");
        ctx.updateLoggers();
        appender.stop();
    }

    @Test
    void anInvocationLogsOneJsonLineWithTheLambdaContextAndTheExperimentKeys() throws Exception {
        String key = artifacts.putString("code", "public class Broken { int x = ; }");
        Map<String, Object> event = new HashMap<>(Map.of("runId", "run-7", "experimentId", "20261126T000000000Z-AAAAAA", "sourceKey", key));

        Map<String, Object> result = new ValidateHandler(loop).handleRequest(event, new LambdaContext("codec-lab-validate", "req-1"));

        assertThat(result).containsEntry("valid", false).containsEntry("outcome", "COMPILE_ERROR");
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).startsWith("validate done in ").endsWith("outcome=COMPILE_ERROR, valid=false");
        assertThat(line.path("runId").asText()).isEqualTo("run-7");
        assertThat(line.path("experimentId").asText()).isEqualTo("20261126T000000000Z-AAAAAA");
        assertThat(line.path("step").asText()).isEqualTo("validate");
        assertThat(line.path("function_name").asText()).isEqualTo("codec-lab-validate");
        assertThat(line.path("function_request_id").asText()).isEqualTo("req-1");
        assertThat(line.path("function_memory_size").asText()).isEqualTo("2048");
        assertThat(line.has("cold_start")).isTrue();
        assertThat(line.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void keysDoNotLeakIntoTheNextInvocationAndAFailureIsLoggedWithItsErrorThenRethrown() throws Exception {
        String key = artifacts.putString("code", "class A { void f() { undefined(); } }");
        new ValidateHandler(loop).handleRequest(new HashMap<>(Map.of("runId", "run-1", "experimentId", "E1", "sourceKey", key)),
                new LambdaContext("f", "req-a"));
        Map<String, Object> missing = new HashMap<>(Map.of("runId", "run-2", "sourceKey", "code/does-not-exist"));

        assertThatThrownBy(() -> new ValidateHandler(loop).handleRequest(missing, new LambdaContext("f", "req-b")))
                .isInstanceOf(RuntimeException.class);

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode failed = lines.get(1);
        assertThat(failed.path("level").asText()).isEqualTo("ERROR");
        assertThat(failed.path("message").asText()).startsWith("validate failed after ");
        assertThat(failed.path("runId").asText()).isEqualTo("run-2");
        assertThat(failed.has("experimentId")).as("cleared after the first invocation").isFalse();
        assertThat(failed.path("error").path("name").asText()).isNotBlank();
        assertThat(failed.path("error").path("stack").asText()).contains("ValidateHandler");
    }

    @Test
    void outsideLambdaTheBundledConfigurationIsSilentByDefault() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        assertThat(System.getenv("AWS_LAMBDA_FUNCTION_NAME")).isNull();
        if (System.getenv("CODEC_LAB_LOG_LEVEL") == null) {
            assertThat(previous).isEqualTo(Level.OFF);
        }
        assertThat(ctx.getConfiguration().getAppenders()).containsKey("Log");
        assertThat(ctx.getConfiguration().getAppenders().get("Log").getLayout().getClass().getSimpleName()).isEqualTo("PatternLayout");
    }

    private List<JsonNode> lines() throws Exception {
        String text = out.toString(StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String l : text.split("\n")) {
            nodes.add(JSON.readTree(l));
        }
        return nodes;
    }
}
