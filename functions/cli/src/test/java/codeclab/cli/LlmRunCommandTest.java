package codeclab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code codec-lab run} with the OpenAI-compatible planner against a loopback server: settings that cannot work are
 * refused up front; a spent budget pauses the run with one record; usage, cost and the trace show in the summary and in
 * {@code experiments list/show}.
 */
class LlmRunCommandTest {

    @TempDir
    Path data;
    HttpServer server;
    String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ObjectNode root = codeclab.loop.Json.MAPPER.createObjectNode();
            ObjectNode choice = root.putArray("choices").addObject();
            choice.putObject("message").put("role", "assistant")
                    .put("content", "HYPOTHESIS: a broken idea.\n```java\npublic class Broken implements codeclab.codec.Codec { int x = ; }\n```\n");
            choice.put("finish_reason", "stop");
            root.putObject("usage").put("prompt_tokens", 1200).put("completion_tokens", 100);
            byte[] out = root.toString().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void settingsThatCannotWorkAreRefusedBeforeAnythingStarts() {
        CliRun unpriced = CliRun.of("run", "--planner", "openai", "--model", "my-local-llama", "--llm-url", url, "--data", data.toString());
        assertThat(unpriced.code()).isNotZero();
        assertThat(unpriced.err()).contains("no price known for model 'my-local-llama'").contains("--price");

        CliRun reasoning = CliRun.of("run", "--planner", "openai", "--model", "o4-mini", "--llm-url", url, "--reasoning-effort", "high",
                "--data", data.toString());
        assertThat(reasoning.err()).contains("--temperature none");

        CliRun times = CliRun.of("run", "--planner", "openai", "--model", "gpt-4.1", "--llm-url", url, "--llm-call-timeout", "600",
                "--plan-timeout", "100", "--data", data.toString());
        assertThat(times.err()).contains("--plan-timeout").contains("--llm-call-timeout");
    }

    @Test
    void aSpentBudgetPausesTheRunAndUsageShowsInTheCli() {
        String d = data.toString();
        CliRun broke = CliRun.of("run", "--experiments", "3", "--parallel", "1", "--planner", "openai", "--model", "gpt-4.1",
                "--llm-url", url, "--budget", "0.0001", "--clips", "tiny", "--holdout", "none", "--data", d);
        assertThat(broke.out()).contains("run run-1 (paused): 1 planned").contains("PAUSED: budget spent");

        assertThat(CliRun.of("resume", "--data", d).code()).isZero();
        CliRun paid = CliRun.of("run", "--experiments", "1", "--planner", "openai", "--model", "gpt-4.1", "--llm-url", url,
                "--budget", "1", "--clips", "tiny", "--holdout", "none", "--data", d);
        // gpt-4.1 at $2 / $8 per million (not Opus rates): three calls of 1200 in / 100 out.
        assertThat(paid.out()).contains("LLM: 3 calls, 3600 tokens in, 300 out, $0.0096 spent of the $1.00 budget");

        CliRun list = CliRun.of("experiments", "list", "--data", d);
        assertThat(list.out()).contains("TOKENS IN/OUT").contains("3600/300").contains("0.0096").contains("COMPILE_ERROR");
        String id = list.out().lines().filter(l -> l.contains("COMPILE_ERROR")).findFirst().orElseThrow().split("\\s+")[0];
        CliRun show = CliRun.of("experiments", "show", id, "--trace", "--data", d);
        assertThat(show.out()).contains("LLM cost    $0.0096, 3600 tokens in, 300 out").contains("planner log planner/")
                .contains("call 1: first answer").contains("call 3: repair: compile error").contains("HYPOTHESIS: a broken idea.");
    }
}
