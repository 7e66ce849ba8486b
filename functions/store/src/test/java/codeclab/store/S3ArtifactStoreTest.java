package codeclab.store;

import com.adobe.testing.s3mock.S3MockApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S3ArtifactStore against S3Mock running in this JVM (path-style access, dummy credentials). */
class S3ArtifactStoreTest {

    private static S3MockApplication s3mock;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        Map<String, Object> props = new HashMap<>(); // S3Mock writes into the map: it must be mutable
        props.put(S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT);
        props.put(S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT);
        props.put(S3MockApplication.PROP_SILENT, true);
        s3mock = S3MockApplication.start(props);
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + s3mock.getHttpPort()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .build();
        s3.createBucket(b -> b.bucket("artifacts"));
    }

    @AfterAll
    static void stop() {
        s3.close();
        s3mock.stop();
    }

    @Test
    void putGetExistsAndListUnderAPrefix() {
        S3ArtifactStore store = new S3ArtifactStore(s3, "artifacts", "run-7");
        byte[] source = "class C {}".getBytes(StandardCharsets.UTF_8);
        String key = store.put("code", source);
        assertThat(key).isEqualTo(ArtifactStore.keyFor("code", source));
        assertThat(store.put("code", source)).isEqualTo(key);
        assertThat(store.get(key)).isEqualTo(source);
        assertThat(store.exists(key)).isTrue();
        String log = store.putString("log", "ok");
        assertThat(store.list("")).containsExactlyInAnyOrder(key, log);
        assertThat(store.list("code/")).containsExactly(key);
        assertThat(s3.headObject(h -> h.bucket("artifacts").key("run-7/" + key)).contentLength()).isEqualTo(source.length);
    }

    @Test
    void aKeyS3Answers403ForIsMissingForARoleThatMayNotListButOtherErrorsAreNot() throws Exception {
        // What S3 answers a role without s3:ListBucket for a missing key: 403 AccessDenied, not 404 NoSuchKey.
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            boolean denied = ex.getRequestURI().getPath().contains("baselines");
            byte[] body = (denied ? "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"
                    : "<Error><Code>InternalError</Code><Message>We encountered an internal error</Message></Error>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/xml");
            ex.sendResponseHeaders(denied ? 403 : 500, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try (S3Client denying = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
            S3ArtifactStore store = new S3ArtifactStore(denying, "artifacts", "");
            assertThatThrownBy(() -> store.getNamed("baselines/abc-medium.json")).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("baselines/abc-medium.json").hasMessageContaining("403");
            assertThatThrownBy(() -> store.get(ArtifactStore.keyFor("results", new byte[] {1})))
                    .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class)
                    .isNotInstanceOf(NotFoundException.class);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void missingArtifactNamesItsKey() {
        S3ArtifactStore store = new S3ArtifactStore(s3, "artifacts", "");
        String key = ArtifactStore.keyFor("code", new byte[] {42});
        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.get(key)).isInstanceOf(NotFoundException.class).hasMessageContaining(key);
    }
}
