package codeclab.site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SiteServerTest {

    @Test
    void servesFilesWithContentTypesAndIndexForFolders(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("index.html"), "<!doctype html><p>home</p>");
        Files.createDirectories(dir.resolve("blog"));
        Files.writeString(dir.resolve("blog/index.html"), "<p>blog</p>");
        Files.writeString(dir.resolve("blog/e1.json"), "{\"a\":1}");
        try (SiteServer server = SiteServer.start(dir, 0); HttpClient http = HttpClient.newHttpClient()) {
            assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
            var home = http.send(HttpRequest.newBuilder(server.uri()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).contains("home");
            assertThat(home.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(home.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
            var blog = http.send(HttpRequest.newBuilder(server.uri().resolve("blog/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(blog.body()).contains("blog");
            var json = http.send(HttpRequest.newBuilder(server.uri().resolve("blog/e1.json")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json.headers().firstValue("Content-Type")).contains("application/json");
            var missing = http.send(HttpRequest.newBuilder(server.uri().resolve("nope.html")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            var post = http.send(HttpRequest.newBuilder(server.uri()).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void pathsNeverLeaveTheFolder(@TempDir Path tmp) throws Exception {
        Path site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.writeString(site.resolve("ok.txt"), "ok");
        Files.createSymbolicLink(site.resolve("link.txt"), tmp.resolve("secret.txt"));
        Path root = site.toRealPath();
        assertThat(SiteServer.resolve(root, "/ok.txt")).isPresent();
        assertThat(SiteServer.resolve(root, "/../secret.txt")).isEmpty();
        assertThat(SiteServer.resolve(root, "/%2e%2e/secret.txt")).isEmpty();
        assertThat(SiteServer.resolve(root, "/..%2fsecret.txt")).isEmpty();
        assertThat(SiteServer.resolve(root, "/link.txt")).isEmpty();
        assertThat(SiteServer.resolve(root, "/ok.txt%00.html")).isEmpty();
        // A raw request line, as a hostile client would send it (HttpClient would normalise the path).
        try (SiteServer server = SiteServer.start(site, 0); Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream os = socket.getOutputStream();
            os.write("GET /../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            os.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 404").doesNotContain("secret\n").doesNotEndWith("secret");
        }
    }

    @Test
    void missingFolderSaysToGenerateTheSiteFirst(@TempDir Path tmp) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SiteServer.start(tmp.resolve("absent"), 0))
                .hasMessageContaining("codec-lab report");
    }
}
