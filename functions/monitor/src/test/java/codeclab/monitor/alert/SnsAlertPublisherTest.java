package codeclab.monitor.alert;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The real SDK v2 client against a local endpoint that speaks the SNS query protocol and records Publish calls. */
class SnsAlertPublisherTest {

    private HttpServer server;
    private final List<Map<String, String>> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new HashMap<>();
            for (String kv : body.split("&")) {
                int i = kv.indexOf('=');
                form.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
            }
            calls.add(form);
            byte[] xml = ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                    + "<MessageId>msg-" + calls.size() + "</MessageId></PublishResult><ResponseMetadata>"
                    + "<RequestId>req-1</RequestId></ResponseMetadata></PublishResponse>").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/xml");
            ex.sendResponseHeaders(200, xml.length);
            ex.getResponseBody().write(xml);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void publishesSubjectAndBodyToTheTopic() {
        try (SnsClient sns = SnsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            var publisher = new SnsAlertPublisher(sns, "arn:aws:sns:us-east-1:123456789012:codec-lab-alerts");
            String id = publisher.publish("[CRITICAL] codec-lab run-1: PURGE_AND_RESTART", "body\nline 2");
            assertThat(id).isEqualTo("msg-1");
        }
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)).containsEntry("Action", "Publish")
                .containsEntry("TopicArn", "arn:aws:sns:us-east-1:123456789012:codec-lab-alerts")
                .containsEntry("Subject", "[CRITICAL] codec-lab run-1: PURGE_AND_RESTART")
                .containsEntry("Message", "body\nline 2");
    }

    @Test
    void subjectsAreCutToOneHundredPrintableCharacters() {
        String s = SnsAlertPublisher.safeSubject("[WARNING] codec-lab " + "r".repeat(200) + "\n: FIX_CODE é");
        assertThat(s).hasSize(100).endsWith("...").matches("[\\x20-\\x7E]+");
    }
}
