package codeclab.handlers;

import codeclab.loop.LoopConfig;
import codeclab.loop.LoopFactory;
import codeclab.loop.LoopService;
import codeclab.loop.StageListener.Stage;
import codeclab.planner.evolve.EvolutionaryPlanner;
import codeclab.store.FileArtifactStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatCode;

class PrimingTest {

    @Test
    void primingNeedsNeitherTheStoreNorTheArtifactsNorAChildProcess(@TempDir Path dir) {
        FileArtifactStore artifacts = new FileArtifactStore(dir.resolve("artifacts"));
        // No experiment store at all: priming runs before the snapshot, where no request or table is involved.
        LoopService loop = LoopFactory.create(null, artifacts, new EvolutionaryPlanner(), LoopConfig.defaults().withClipSet("tiny"), dir, null);

        // EXECUTE does the most (compiler, verifier, clips); RECORD the least; the others are EXECUTE without clips.
        assertThatCode(() -> loop.prime(Stage.EXECUTE)).doesNotThrowAnyException();
        assertThatCode(() -> loop.prime(Stage.RECORD)).doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThat(artifacts.list("")).isEmpty();
    }
}
