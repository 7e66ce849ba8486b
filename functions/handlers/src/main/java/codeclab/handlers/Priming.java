package codeclab.handlers;

import codeclab.loop.LoopService;
import codeclab.loop.StageListener.Stage;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * SnapStart priming: just before Lambda snapshots an initialised function (CRaC {@code beforeCheckpoint}), runs
 * {@link LoopService#prime} for the function's step, so class loading and the compiler's JIT warm-up are in the
 * snapshot instead of the first invocation after restore. Registered by validate and execute only, where it was
 * measured to pay (docs/BENCHMARKS.md, "## Loop": validate's first call 0.99 s to 0.42 s); plan and record gained
 * nothing measurable. Without
 * SnapStart the hook never fires and init stays short. The context holds resources weakly: they are kept here.
 */
final class Priming implements Resource {

    private static final List<Priming> REGISTERED = new ArrayList<>();

    private final LoopService loop;
    private final Stage stage;

    private Priming(LoopService loop, Stage stage) {
        this.loop = loop;
        this.stage = stage;
    }

    static synchronized void register(LoopService loop, Stage stage) {
        Priming p = new Priming(loop, stage);
        REGISTERED.add(p);
        Core.getGlobalContext().register(p);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        loop.prime(stage);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: clients reconnect by themselves, the primed state is plain memory
    }
}
