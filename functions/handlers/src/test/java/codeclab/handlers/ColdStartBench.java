package codeclab.handlers;

import codeclab.codec.seeds.ReferenceCodecs;
import codeclab.loop.Json;
import codeclab.store.LocalStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold starts of the four loop handlers from {@code handlers.jar}, each in a fresh JVM ({@link ColdStartMain}),
 * against the embedded dynalite and a folder of artifacts (the same wiring as Lambda, pointed at local endpoints),
 * with the JVM flags the stack sets. Prints a Markdown table. Run by {@code .ci/bench-coldstart}.
 *
 * <p>Arguments: {@code HANDLERS_JAR TEST_CLASSES JAVACV_CLASSPATH REPETITIONS}.
 */
public final class ColdStartBench {

    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    public static void main(String[] args) throws Exception {
        String cp = args[0] + ":" + args[1];
        String javacv = args[2];
        int reps = Integer.parseInt(args[3]);
        Path data = Files.createTempDirectory("codec-lab-coldstart");
        try (LocalStore store = LocalStore.open(data)) {
            Map<String, String> env = Map.of(
                    "AWS_LAMBDA_FUNCTION_NAME", "codec-lab-bench", "POWERTOOLS_SERVICE_NAME", "bench",
                    "CODEC_LAB_EXPERIMENTS_TABLE", "codec-lab-experiments", "CODEC_LAB_RUNS_TABLE", "codec-lab-runs",
                    Wiring.ENV_DYNAMODB_ENDPOINT, store.endpoint().toString(),
                    Wiring.ENV_ARTIFACTS_DIR, data.resolve("artifacts").toString(),
                    Wiring.ENV_WORK_DIR, data.resolve("work").toString(),
                    "CODEC_LAB_BUCKET", "unused-locally");
            String sourceKey = store.artifacts().putString("code", ReferenceCodecs.asCandidate("InterCodec"));
            List<String> rows = new ArrayList<>();

            JsonNode planned = null;
            for (boolean prime : new boolean[] {false, true}) {
                for (int i = 0; i < reps; i++) {
                    JsonNode r = run(cp, List.of(C1_ONLY), "plan", Json.MAPPER.createObjectNode().put("runId", "bench").put("slot", "0"), prime, env, data);
                    rows.add(row(r, ""));
                    planned = r.get("result");
                }
            }
            ObjectNode state = Json.MAPPER.createObjectNode().put("runId", "bench").put("slot", "0")
                    .put("experimentId", planned.get("experimentId").asText()).put("sourceKey", sourceKey);
            for (boolean prime : new boolean[] {false, true}) {
                for (int i = 0; i < reps; i++) {
                    rows.add(row(run(cp + ":" + javacv, List.of(C1_ONLY), "validate", state, prime, env, data), "InterCodec"));
                }
            }
            JsonNode execution = null;
            for (boolean prime : new boolean[] {false, true}) {
                for (int i = 0; i < reps; i++) {
                    // The first execute of a fresh work folder measures x264 (cache MISS); later ones read the cache.
                    boolean miss = !Files.exists(data.resolve("work").resolve("baselines"));
                    JsonNode r = run(cp + ":" + javacv, List.of(), "execute", state, prime, env, data);
                    rows.add(row(r, "InterCodec, dev clips, x264 baseline " + (miss ? "MISS" : "HIT")));
                    execution = r.get("result");
                }
            }
            ObjectNode recordEvent = state.deepCopy();
            recordEvent.putObject("validation").put("valid", true).put("outcome", "OK");
            recordEvent.set("execution", execution);
            for (int i = 0; i < reps; i++) {
                rows.add(row(run(cp, List.of(C1_ONLY), "record", recordEvent, false, env, data), ""));
            }
            System.out.println("| handler | primed | JVM start→main ms | init ms | first call ms | JVM start→first result ms | second call ms | peak RSS MiB (JVM / with sandbox children) | note |");
            System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---|");
            rows.forEach(System.out::println);
        }
    }

    private static JsonNode run(String cp, List<String> flags, String stage, JsonNode event, boolean prime, Map<String, String> env, Path data)
            throws Exception {
        Path eventFile = Files.createTempFile(data, stage, ".json");
        Files.writeString(eventFile, event.toString());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(flags);
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", cp, ColdStartMain.class.getName(), stage, eventFile.toString()));
        if (prime) {
            cmd.add("--prime");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        JsonNode result = null;
        long resultAt = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("{\"")) {
                    JsonNode node = Json.MAPPER.readTree(line);
                    if (node.has("firstMs")) {
                        result = node;
                        resultAt = System.nanoTime();
                    }
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException(stage + " cold start failed (exit " + p.exitValue() + "): see stderr above");
        }
        // Wall time from spawning the JVM to the first result = (result printed) - (second call).
        long toFirst = (resultAt - start) / 1_000_000 - result.get("secondMs").asLong();
        ((ObjectNode) result).put("wallToFirstMs", toFirst);
        return result;
    }

    private static String row(JsonNode r, String note) {
        String outcome = r.path("result").path("outcome").asText(r.path("result").path("status").asText(r.path("result").path("planOutcome").asText("")));
        return String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %d / %d | %s |", r.get("stage").asText(),
                r.get("primed").asBoolean() ? "yes" : "no", r.get("jvmToMainMs").asLong(), r.get("initMs").asLong(),
                r.get("firstMs").asLong(), r.get("wallToFirstMs").asLong(), r.get("secondMs").asLong(),
                r.get("peakRssMiB").asLong(), r.get("peakTreeMiB").asLong(),
                (note + (outcome.isEmpty() ? "" : (note.isEmpty() ? "" : "; ") + "result " + outcome)));
    }
}
