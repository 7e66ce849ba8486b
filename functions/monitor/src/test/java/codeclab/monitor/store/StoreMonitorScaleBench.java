package codeclab.monitor.store;

import codeclab.store.EmbeddedDynamo;

import java.util.ArrayList;
import java.util.List;

/**
 * The 1k / 20k rows of docs/BENCHMARKS.md "Monitor on the store" (not part of the test suite: a 20k bulk load takes
 * tens of seconds). Run: {@code .ci/mvn -q -pl functions/monitor -am install -DskipTests} then
 * {@code .ci/mvn -q -pl functions/monitor exec:java -Dexec.classpathScope=test -Dexec.mainClass=codeclab.monitor.store.StoreMonitorScaleBench}.
 */
public final class StoreMonitorScaleBench {

    private StoreMonitorScaleBench() {
    }

    public static void main(String[] args) {
        try (EmbeddedDynamo dynamo = EmbeddedDynamo.inMemory()) {
            StoreMonitorScaleTest.measure(dynamo, "warm-up", 1000, 100);
            List<StoreMonitorScaleTest.Times> all = new ArrayList<>();
            all.add(StoreMonitorScaleTest.measure(dynamo, "bench-1k", 1000, 100));
            all.add(StoreMonitorScaleTest.measure(dynamo, "bench-20k", 20000, 100));
            System.out.println("| history | new | bulk load | first run (all) | next run (+new) | run, nothing new |");
            all.forEach(System.out::println);
            if (all.get(1).incrementalMs() >= 2000) {
                throw new AssertionError("the hourly run over 20k took " + all.get(1).incrementalMs() + " ms (target < 2 s)");
            }
        }
    }
}
