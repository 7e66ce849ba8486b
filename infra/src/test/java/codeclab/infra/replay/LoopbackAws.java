package codeclab.infra.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback HTTP server answering the few SNS and EventBridge operations the monitor uses (no emulator of either
 * exists here): SNS Publish (query or JSON protocol) and EventBridge Enable/Disable/DescribeRule (JSON 1.1), with
 * well-formed minimal responses, so the monitor's real SDK clients run their real code paths.
 */
public final class LoopbackAws implements AutoCloseable {
  private final HttpServer server;
  private final List<String> received = new ArrayList<>();

  public LoopbackAws() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public synchronized List<String> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    String response;
    String contentType;
    if (target != null && target.startsWith("AWSEvents.")) {
      String op = target.substring("AWSEvents.".length());
      synchronized (this) { received.add("events:" + op); }
      response = op.equals("DescribeRule") ? "{\"Name\":\"rule\",\"State\":\"ENABLED\"}" : "{}";
      contentType = "application/x-amz-json-1.1";
    } else if (target != null && target.startsWith("AmazonSimpleNotificationService.")) {
      synchronized (this) { received.add("sns:" + target.substring(target.indexOf('.') + 1)); }
      response = "{\"MessageId\":\"00000000-0000-0000-0000-000000000001\"}";
      contentType = type == null ? "application/x-amz-json-1.0" : type;
    } else if (body.contains("Action=Publish")) {
      synchronized (this) { received.add("sns:Publish"); }
      response = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
          + "<MessageId>00000000-0000-0000-0000-000000000001</MessageId></PublishResult>"
          + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>";
      contentType = "text/xml";
    } else {
      synchronized (this) { received.add("unknown:" + target + " " + body); }
      ex.sendResponseHeaders(400, -1);
      ex.close();
      return;
    }
    byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", contentType);
    ex.getResponseHeaders().add("x-amzn-RequestId", "replay");
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
