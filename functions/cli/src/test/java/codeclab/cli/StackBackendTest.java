package codeclab.cli;

import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.EmbeddedDynamo;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --stack NAME} end to end: DescribeStacks (query protocol, XML) and EventBridge (JSON 1.1) answered by a
 * loopback server that records the calls, DynamoDB = dynalite, all through the CODEC_LAB_ENDPOINT_* overrides.
 */
class StackBackendTest {

    static EmbeddedDynamo dynamo;
    static HttpServer aws;
    static final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        dynamo = EmbeddedDynamo.inMemory();
        DynamoConfig config = new DynamoConfig("stk-experiments", "stk-runs", dynamo.endpoint(), "eu-west-1", null);
        try (DynamoExperimentStore s = DynamoExperimentStore.create(config)) {
            s.createTables();
        }
        aws = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        aws.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] out;
            int status = 200;
            if (ex.getRequestURI().getPath().startsWith("/stk-bucket")) {
                // S3 ListObjectsV2 (path style): an empty bucket.
                calls.add("s3 " + ex.getRequestMethod() + " " + ex.getRequestURI());
                ex.getResponseHeaders().add("Content-Type", "application/xml");
                out = ("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>stk-bucket</Name>"
                        + "<Prefix>archives/</Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
                        + "</ListBucketResult>").getBytes(StandardCharsets.UTF_8);
            } else if (target != null) {
                calls.add(target + " " + body);
                out = "{}".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            } else {
                String form = URLDecoder.decode(body, StandardCharsets.UTF_8);
                calls.add("cfn " + form);
                ex.getResponseHeaders().add("Content-Type", "text/xml");
                if (form.contains("StackName=codec-lab-test")) {
                    out = describeStacks().getBytes(StandardCharsets.UTF_8);
                } else {
                    status = 400;
                    out = ("<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type>"
                            + "<Code>ValidationError</Code><Message>Stack with id nope does not exist</Message></Error>"
                            + "<RequestId>r1</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8);
                }
            }
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        aws.start();
        String endpoint = "http://127.0.0.1:" + aws.getAddress().getPort();
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1",
                "CODEC_LAB_ENDPOINT_CLOUDFORMATION", endpoint,
                "CODEC_LAB_ENDPOINT_EVENTBRIDGE", endpoint,
                "CODEC_LAB_ENDPOINT_S3", endpoint,
                "CODEC_LAB_ENDPOINT_DYNAMODB", dynamo.endpoint().toString());
        BackendOptions.env = env::get;
    }

    static String describeStacks() {
        StringBuilder outputs = new StringBuilder();
        Map.of("ExperimentsTableName", "stk-experiments", "RunsTableName", "stk-runs", "BucketName", "stk-bucket",
                "GenerationRuleName", "stk-generation", "TopicArn", "arn:aws:sns:eu-west-1:123456789012:stk-alerts",
                "StateMachineArn", "arn:aws:states:eu-west-1:123456789012:stateMachine:stk-loop")
                .forEach((k, v) -> outputs.append("<member><OutputKey>").append(k).append("</OutputKey><OutputValue>")
                        .append(v).append("</OutputValue></member>"));
        return "<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><DescribeStacksResult>"
                + "<Stacks><member><StackName>codec-lab-test</StackName><StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/codec-lab-test/1</StackId>"
                + "<CreationTime>2026-11-26T09:00:00Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus>"
                + "<Outputs>" + outputs + "</Outputs></member></Stacks></DescribeStacksResult>"
                + "<ResponseMetadata><RequestId>r0</RequestId></ResponseMetadata></DescribeStacksResponse>";
    }

    @AfterEach
    void clear() {
        calls.clear();
    }

    @AfterAll
    static void stop() {
        BackendOptions.env = System::getenv;
        aws.stop(0);
        dynamo.close();
    }

    @Test
    void stackOutputsNameTheResources() {
        BackendOptions o = new BackendOptions();
        o.stack = "codec-lab-test";
        try (Backend b = o.open()) {
            assertThat(b.isLocal()).isFalse();
            assertThat(b.description()).isEqualTo("stack codec-lab-test (eu-west-1)");
            assertThat(b.stateMachineArn()).contains("arn:aws:states:eu-west-1:123456789012:stateMachine:stk-loop");
            assertThat(b.alertTopic()).isPresent();
            assertThat(b.schedule().toString()).isEqualTo("EventBridge rule stk-generation");
            assertThat(b.experiments().listRuns()).isNotNull();
        }
        assertThat(calls).anyMatch(c -> c.startsWith("cfn ") && c.contains("Action=DescribeStacks"));
    }

    @Test
    void commandsRunAgainstTheStackTablesAndSchedule() throws Exception {
        CliRun fresh = CliRun.of("fresh-start", "--stack", "codec-lab-test");
        assertThat(fresh.code()).as(fresh.err()).isZero();
        String run = fresh.out().strip();
        assertThat(run).matches("run-\\d+");
        assertThat(calls).anyMatch(c -> c.startsWith("s3 GET /stk-bucket") && c.contains("prefix=archives"));

        assertThat(CliRun.of("pause", "--stack", "codec-lab-test").out()).startsWith("paused " + run);
        assertThat(CliRun.of("resume", "--stack", "codec-lab-test").out()).startsWith("resumed " + run);
        assertThat(calls).filteredOn(c -> c.startsWith("AWSEvents."))
                .containsExactly("AWSEvents.DisableRule {\"Name\":\"stk-generation\"}",
                        "AWSEvents.EnableRule {\"Name\":\"stk-generation\"}");

        CliRun monitor = CliRun.of("monitor", "--json", "--stack", "codec-lab-test");
        assertThat(monitor.code()).as(monitor.err()).isZero();
        var json = Json.MAPPER.readTree(monitor.out());
        assertThat(json.path("report").path("runId").asText()).isEqualTo(run);
        assertThat(json.path("alertsPrinted")).isEmpty();

        // The state went to the stack's runs table (dynalite here).
        DynamoConfig config = new DynamoConfig("stk-experiments", "stk-runs", dynamo.endpoint(), "eu-west-1", null);
        try (DynamoExperimentStore s = DynamoExperimentStore.create(config)) {
            assertThat(s.currentRun()).contains(run);
            assertThat(s.getRun(run).monitorState()).contains("\"scan\"");
        }
    }

    @Test
    void unknownStackIsOneLine() {
        CliRun r = CliRun.of("pause", "--stack", "nope");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("codec-lab: cannot read stack nope in eu-west-1: Stack with id nope does not exist"
                + " (check the name, region and credentials)");
    }
}
