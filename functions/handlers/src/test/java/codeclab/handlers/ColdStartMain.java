package codeclab.handlers;

import codeclab.loop.Json;
import codeclab.loop.StageListener;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One cold start of a handler, as Lambda does it: a fresh JVM ({@code java -cp handlers.jar:...}), the handler's
 * no-argument constructor (wiring from the environment), then the first invocation on a realistic event, then a
 * second (warm) one. Prints one JSON line: JVM start to main, init, first and second call (ms), peak memory of this
 * JVM and of this JVM plus its sandbox children (MiB), and the first result. Run by {@link ColdStartBench}.
 *
 * <p>Arguments: {@code plan|validate|execute|record EVENT_FILE [--prime]}; {@code --prime} calls
 * {@link codeclab.loop.LoopService#prime} after the constructor, as the CRaC hook would before SnapStart's snapshot.
 */
public final class ColdStartMain {

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        String stage = args[0];
        @SuppressWarnings("unchecked")
        Map<String, Object> event = Json.MAPPER.readValue(Files.readString(Path.of(args[1])), Map.class);
        boolean prime = args.length > 2 && args[2].equals("--prime");
        AtomicLong peakTree = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> sample(peakTree));

        long t0 = System.nanoTime();
        RequestHandler<Map<String, Object>, Map<String, Object>> handler = switch (stage) {
            case "plan" -> new PlanHandler();
            case "validate" -> new ValidateHandler();
            case "execute" -> new ExecuteHandler();
            case "record" -> new RecordHandler();
            default -> throw new IllegalArgumentException("unknown stage " + stage);
        };
        if (prime) {
            Wiring.shared().loop().prime(StageListener.Stage.valueOf(stage.toUpperCase(Locale.ROOT)));
        }
        long t1 = System.nanoTime();
        Map<String, Object> result = handler.handleRequest(new java.util.HashMap<>(event), new LambdaContext("codec-lab-" + stage, "cold"));
        long t2 = System.nanoTime();
        // The warm call: plan and record again on a copy of the event (plan makes a new experiment; record is a replay).
        handler.handleRequest(new java.util.HashMap<>(event), new LambdaContext("codec-lab-" + stage, "warm"));
        long t3 = System.nanoTime();
        sampler.interrupt();
        System.out.println(Json.write(Map.of(
                "stage", stage, "primed", prime,
                "jvmToMainMs", mainAt - jvmStart,
                "initMs", (t1 - t0) / 1_000_000, "firstMs", (t2 - t1) / 1_000_000, "secondMs", (t3 - t2) / 1_000_000,
                "peakRssMiB", rssKiB(ProcessHandle.current().pid(), "VmHWM") / 1024,
                "peakTreeMiB", Math.max(peakTree.get(), rssKiB(ProcessHandle.current().pid(), "VmHWM")) / 1024,
                "result", result)));
        System.exit(0);
    }

    /** Largest sum of RSS of this JVM and its child processes (the sandbox JVMs), sampled every 10 ms. */
    private static void sample(AtomicLong peak) {
        while (!Thread.currentThread().isInterrupted()) {
            long sum = rssKiB(ProcessHandle.current().pid(), "VmRSS");
            for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
                sum += rssKiB(p.pid(), "VmRSS");
            }
            peak.accumulateAndGet(sum, Math::max);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static long rssKiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException gone) {
            // the process ended between listing and reading
        }
        return 0;
    }
}
