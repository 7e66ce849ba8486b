package codeclab.infra.replay;

import static codeclab.infra.replay.TemplateResolver.ACCOUNT;
import static codeclab.infra.replay.TemplateResolver.REGION;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Requests as IAM sees them (principal, action, resource, context keys) with the policies that decide them,
 * evaluated in one batch by {@code @cloud-copilot/iam-simulate} (infra/src/test/node/iam-simulate.mjs).
 * Identity policies are passed one statement per policy, named {@code <role>#<n>}, so each answer says which
 * statements allowed it (for the least-privilege check).
 */
final class Simulations {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request. {@code principal} is a role ARN or a service principal; {@code role} the role's logical id, or null. */
  record Request(String id, String role, String principal, String action, String resource, Map<String, Object> context,
                 List<Map<String, Object>> identity, Map<String, Object> resourcePolicy, Map<String, Object> endpointPolicy) {}

  /** The answer: Allowed / ImplicitlyDenied / ExplicitlyDenied, and the identity statements that allowed it. */
  record Answer(Request request, String result, List<String> allowedBy, String detail) {
    boolean allowed() { return "Allowed".equals(result); }
  }

  private final List<Request> requests = new ArrayList<>();

  void add(Request r) {
    requests.add(r);
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Answer> evaluate(Path workDir) throws IOException, InterruptedException {
    List<Map<String, Object>> sims = new ArrayList<>();
    for (Request r : requests) {
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("principal", r.principal());
      request.put("action", r.action());
      request.put("resource", Map.of("resource", r.resource(), "accountId", ACCOUNT));
      request.put("contextVariables", r.context());
      Map<String, Object> sim = new LinkedHashMap<>();
      sim.put("request", request);
      List<Map<String, Object>> identity = new ArrayList<>();
      for (int i = 0; i < r.identity().size(); i++) {
        identity.add(Map.of("name", r.role() + "#" + i, "policy", Map.of("Version", "2012-10-17",
            "Statement", List.of(r.identity().get(i)))));
      }
      sim.put("identityPolicies", identity);
      if (r.resourcePolicy() != null) sim.put("resourcePolicy", r.resourcePolicy());
      if (r.endpointPolicy() != null) sim.put("vpcEndpointPolicies", List.of(Map.of("name", "endpoint", "policy", r.endpointPolicy())));
      sims.add(Map.of("id", r.id(), "simulation", sim));
    }
    Path in = Files.createTempFile(workDir, "simulations", ".json");
    JSON.writeValue(in.toFile(), Map.of("simulations", sims));
    Process p = new ProcessBuilder("node", "src/test/node/iam-simulate.mjs", in.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("iam-simulate failed (exit " + p.exitValue() + "): " + new String(out, StandardCharsets.UTF_8));
    }
    Map<String, Request> byId = new LinkedHashMap<>();
    requests.forEach(r -> byId.put(r.id(), r));
    List<Answer> answers = new ArrayList<>();
    for (JsonNode a : JSON.readTree(out)) {
      List<String> allow = new ArrayList<>();
      a.path("allowPolicies").forEach(n -> allow.add(n.asText()));
      answers.add(new Answer(byId.get(a.get("id").asText()), a.path("result").asText(), allow,
          a.path("error").asText("") + " identity=" + a.path("identity").asText() + " resource=" + a.path("resource").asText()
              + " ignored=" + a.path("ignoredContextKeys")));
    }
    if (answers.size() != requests.size()) {
      throw new IllegalStateException("iam-simulate answered " + answers.size() + " of " + requests.size() + " requests");
    }
    return answers;
  }

  /** The role ARN of a role's logical id in the imaginary deployment. */
  static String roleArn(TemplateResolver t, String roleId) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + t.name(roleId);
  }

  static String region() {
    return REGION;
  }
}
