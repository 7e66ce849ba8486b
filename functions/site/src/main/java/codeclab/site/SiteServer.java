package codeclab.site;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a generated site folder over HTTP on the loopback interface only ({@code codec-lab serve}): GET and
 * HEAD, directory requests get their {@code index.html}, paths never leave the folder (no {@code ..}, no
 * symlinks out), and a Content-Security-Policy that forbids any resource from elsewhere and every script but the experiments table's
 * (allowed by its hash).
 */
public final class SiteServer implements AutoCloseable {

    static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "json", "application/json", "png", "image/png", "txt", "text/plain; charset=utf-8",
            "java", "text/plain; charset=utf-8", "csv", "text/csv; charset=utf-8");
    /** No resource from elsewhere; the only script is the experiments table's, allowed by its hash. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none';"
            + " script-src " + BlogIndex.SCRIPT_CSP_SOURCE;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path root;

    private SiteServer(HttpServer server, ExecutorService executor, Path root) {
        this.server = server;
        this.executor = executor;
        this.root = root;
    }

    /** Serves {@code folder} on 127.0.0.1:{@code port} ({@code 0} picks a free port) until {@link #close()}. */
    public static SiteServer start(Path folder, int port) {
        Path root;
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve " + folder + ": it does not exist (generate the site first with codec-lab report)", e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("cannot serve " + folder + ": not a folder");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "site-server");
                t.setDaemon(true);
                return t;
            });
            SiteServer s = new SiteServer(server, executor, root);
            server.createContext("/", s::handle);
            server.setExecutor(executor);
            server.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + "); pick another port", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The site's root URL, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The file a request path maps to inside {@code root}, or empty when it would leave the folder or is absent. */
    static Optional<Path> resolve(Path root, String rawPath) {
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (path.indexOf('\0') >= 0 || path.contains("\\")) {
            return Optional.empty();
        }
        Path p = root.resolve(path.replaceFirst("^/+", "")).normalize();
        if (!p.startsWith(root)) {
            return Optional.empty();
        }
        if (Files.isDirectory(p)) {
            p = p.resolve("index.html");
        }
        try {
            // Symlinks could point outside: compare the real path too.
            Path real = p.toRealPath();
            return real.startsWith(root) && Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String contentType(Path file) {
        return SiteOutput.contentType(file.getFileName().toString());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            ex.getResponseHeaders().set("Content-Security-Policy", CSP);
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "method not allowed\n", method.equals("HEAD"));
                return;
            }
            Optional<Path> file = resolve(root, ex.getRequestURI().getRawPath());
            if (file.isEmpty()) {
                send(ex, 404, "not found\n", method.equals("HEAD"));
                return;
            }
            byte[] body = Files.readAllBytes(file.get());
            ex.getResponseHeaders().set("Content-Type", contentType(file.get()));
            if (method.equals("HEAD")) {
                ex.getResponseHeaders().set("Content-Length", Long.toString(body.length));
                ex.sendResponseHeaders(200, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(body);
                }
            }
        }
    }

    private static void send(HttpExchange ex, int status, String text, boolean head) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }
}
