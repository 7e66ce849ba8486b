package codeclab.infra.replay;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * A global SDK interceptor (registered for every client in this JVM through
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the test classpath), so the handlers'
 * own clients, built by their production wiring, are observed without any change to them. While a replay is
 * {@link #start started} it
 * <ul>
 *   <li>records every call made while a function is {@link #as acting}: service, operation, the request fields
 *       that decide the IAM resource (bucket, key, prefix, table, index, topic, rule) and the scheme the SDK chose
 *       (the request as AWS would get it);</li>
 *   <li>sends the request to a loopback server for its service instead of AWS (S3 in path style).</li>
 * </ul>
 * A call made outside any function fails the replay (it could not be attributed to a role).
 */
public final class CallRecorder implements ExecutionInterceptor {

  /** One API call as AWS would have received it. */
  public record Call(String function, String service, String operation, Map<String, String> fields, String scheme) {}

  private static final InheritableThreadLocal<String> FUNCTION = new InheritableThreadLocal<>();
  private static final List<Call> CALLS = new ArrayList<>();
  private static final List<String> UNATTRIBUTED = new ArrayList<>();
  private static volatile Map<String, URI> loopback;

  private static final List<String> FIELDS = List.of("Bucket", "Key", "Prefix", "TableName", "IndexName", "TopicArn",
      "Name", "RequestItems");

  /** Starts a replay: requests of each service (SDK service name, e.g. "S3", "DynamoDb") go to its loopback URI. */
  public static synchronized void start(Map<String, URI> endpoints) {
    CALLS.clear();
    UNATTRIBUTED.clear();
    loopback = Map.copyOf(endpoints);
  }

  public static synchronized void stop() {
    loopback = null;
  }

  /** Runs {@code body} as {@code function}: calls it makes (and threads it starts) are that function's. */
  public static <T> T as(String function, java.util.function.Supplier<T> body) {
    String before = FUNCTION.get();
    FUNCTION.set(function);
    try {
      return body.get();
    } finally {
      FUNCTION.set(before);
    }
  }

  /** Runs {@code body} as the operator (the CLI with the user's credentials): its calls reach loopback, unrecorded. */
  public static <T> T asOperator(java.util.function.Supplier<T> body) {
    return as(OPERATOR, body);
  }

  static final String OPERATOR = "operator";

  public static synchronized List<Call> calls() {
    return List.copyOf(CALLS);
  }

  public static synchronized List<String> unattributed() {
    return List.copyOf(UNATTRIBUTED);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (loopback == null) return;
    String function = FUNCTION.get();
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    if (function == null) {
      synchronized (CallRecorder.class) {
        UNATTRIBUTED.add(service + ":" + operation + " on thread " + Thread.currentThread().getName());
      }
      return;
    }
    if (OPERATOR.equals(function)) return;
    SdkRequest request = context.request();
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    for (String f : FIELDS) {
      Optional<Object> v = request.getValueForField(f, Object.class);
      if (v.isPresent() && v.get() != null) {
        Object value = v.get();
        fields.put(f, value instanceof Map<?, ?> m ? String.join(",", m.keySet().stream().map(Object::toString).toList())
            : value.toString());
      }
    }
    synchronized (CallRecorder.class) {
      CALLS.add(new Call(function, service, operation, fields, "pending"));
    }
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    Map<String, URI> targets = loopback;
    SdkHttpRequest http = context.httpRequest();
    if (targets == null) return http;
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    URI target = targets.get(service);
    if (target == null) {
      throw new IllegalStateException("replay: no loopback server for " + service + " (" + http.host() + ")");
    }
    recordScheme(http.protocol());
    SdkHttpRequest.Builder b = http.toBuilder().protocol(target.getScheme()).host(target.getHost()).port(target.getPort());
    if ("S3".equals(service)) {
      Optional<String> bucket = context.request().getValueForField("Bucket", String.class);
      String path = http.encodedPath();
      if (bucket.isPresent() && !path.equals("/" + bucket.get()) && !path.startsWith("/" + bucket.get() + "/")) {
        // The bucket is not in the path (virtual-hosted style, or not yet placed): path style for the loopback server.
        b.encodedPath("/" + bucket.get() + (path.isEmpty() || path.equals("/") ? "" : path));
      }
    }
    return b.build();
  }

  private static synchronized void recordScheme(String scheme) {
    String function = FUNCTION.get();
    if (function == null || OPERATOR.equals(function)) return;
    for (int i = CALLS.size() - 1; i >= 0; i--) {
      Call c = CALLS.get(i);
      if (c.function().equals(function) && c.scheme().equals("pending")) {
        CALLS.set(i, new Call(c.function(), c.service(), c.operation(), c.fields(), scheme));
        return;
      }
    }
  }
}
