package codeclab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The real Step Functions client against a loopback server speaking its JSON 1.0 protocol. */
class StackGenerationsTest {

    @Test
    void startsAGenerationWithTheScheduleInputAndWaitsForItsEnd() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> calls = new CopyOnWriteArrayList<>();
        AtomicInteger describes = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = json.readTree(ex.getRequestBody().readAllBytes());
            calls.add(json.createObjectNode().put("target", target).set("body", body));
            String answer = switch (target) {
                case "AWSStepFunctions.StartExecution" -> "{\"executionArn\":\"arn:aws:states:us-east-1:1:execution:sm:x\",\"startDate\":1.7E9}";
                case "AWSStepFunctions.DescribeExecution" -> "{\"executionArn\":\"arn:aws:states:us-east-1:1:execution:sm:x\","
                        + "\"stateMachineArn\":\"arn:aws:states:us-east-1:1:stateMachine:sm\",\"startDate\":1.7E9,\"status\":\""
                        + (describes.incrementAndGet() < 3 ? "RUNNING" : "SUCCEEDED") + "\"}";
                default -> "{}";
            };
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        try (SfnClient sfn = SfnClient.builder().region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).build();
             StackGenerations generations = new StackGenerations(sfn, "arn:aws:states:us-east-1:1:stateMachine:sm", Duration.ofMillis(10))) {
            String arn = generations.start("run-7", 3, 1);
            StackGenerations.Outcome outcome = generations.await(arn, Duration.ofSeconds(10));

            assertThat(outcome.succeeded()).isTrue();
            JsonNode start = calls.get(0);
            assertThat(start.get("target").asText()).isEqualTo("AWSStepFunctions.StartExecution");
            assertThat(start.at("/body/stateMachineArn").asText()).isEqualTo("arn:aws:states:us-east-1:1:stateMachine:sm");
            assertThat(json.readTree(start.at("/body/input").asText()).toString()).isEqualTo("{\"runId\":\"run-7\",\"slots\":[0,1,2]}");
            assertThat(start.at("/body/name").asText()).startsWith("run-7-cli-");
            assertThat(describes).hasValue(3);
        } finally {
            server.stop(0);
        }
    }
}
