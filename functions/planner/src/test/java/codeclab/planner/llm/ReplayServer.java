package codeclab.planner.llm;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server that replays scripted responses in order and keeps every request it got, with the time it
 * arrived. It speaks whatever the responses say: Bedrock Converse JSON, OpenAI chat-completions JSON, errors, garbage;
 * a reply may also hang before its headers or in the middle of its body, as stuck endpoints do.
 */
final class ReplayServer implements AutoCloseable {

    /** @param hangMillis wait before the headers; @param hangInBodyMillis wait after half the body was sent */
    record Reply(int status, Map<String, String> headers, String body, long hangMillis, long hangInBodyMillis) {
    }

    record Request(String method, String path, Map<String, List<String>> headers, String body, long atNanos) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Reply> replies = new ArrayDeque<>();
    final List<Request> requests = new ArrayList<>();

    ReplayServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor); // one stuck exchange must not block the next
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Reply r;
            synchronized (this) {
                requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()),
                        body, System.nanoTime()));
                r = replies.isEmpty() ? new Reply(500, Map.of(), "{\"message\":\"replay server: no recorded answer left\"}", 0, 0)
                        : replies.poll();
            }
            try {
                sleep(r.hangMillis());
                byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
                ex.sendResponseHeaders(r.status(), out.length);
                try (OutputStream os = ex.getResponseBody()) {
                    if (r.hangInBodyMillis() > 0) {
                        os.write(out, 0, out.length / 2);
                        os.flush();
                        sleep(r.hangInBodyMillis());
                        os.write(out, out.length / 2, out.length - out.length / 2);
                    } else {
                        os.write(out);
                    }
                }
            } catch (IOException clientGone) {
                // the client gave up first: that is what a hang test wants
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized ReplayServer then(int status, Map<String, String> headers, String body) {
        replies.add(new Reply(status, headers, body, 0, 0));
        return this;
    }

    synchronized ReplayServer thenHang(long beforeHeadersMillis, long inBodyMillis, int status, String body) {
        replies.add(new Reply(status, Map.of(), body, beforeHeadersMillis, inBodyMillis));
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
