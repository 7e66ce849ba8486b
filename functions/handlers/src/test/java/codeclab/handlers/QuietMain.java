package codeclab.handlers;

import codeclab.loop.LoopConfig;
import codeclab.loop.LoopFactory;
import codeclab.store.FileArtifactStore;
import codeclab.planner.evolve.EvolutionaryPlanner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A local program that calls a handler twice (ok and failing) and returns from main: {@link QuietOutsideLambdaTest}. */
public final class QuietMain {

    public static void main(String[] args) {
        FileArtifactStore artifacts = new FileArtifactStore(Path.of(args[0]));
        ValidateHandler h = new ValidateHandler(LoopFactory.create(null, artifacts, new EvolutionaryPlanner(), LoopConfig.defaults(),
                Path.of(args[0]), null));
        String key = artifacts.putString("code", "class Broken { int x = ; }");
        h.handleRequest(new HashMap<>(Map.of("runId", "run-1", "experimentId", "E1", "sourceKey", key)), null);
        try {
            h.handleRequest(new HashMap<>(Map.of("runId", "run-1", "sourceKey", "code/missing")), null);
        } catch (RuntimeException expected) {
            // the error line would go to the log, which is off outside Lambda
        }
    }
}
