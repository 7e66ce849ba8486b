package codeclab.handlers;

import codeclab.loop.Events;
import codeclab.loop.LoopService;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Plan: {@code {runId, slot}} &rarr; {@code {runId, experimentId, sourceKey[, planOutcome, planMessage]}}. */
public final class PlanHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final LoopService loop;

    /** For Lambda: wiring from the environment happens at init, so SnapStart captures it. */
    public PlanHandler() {
        this(Wiring.shared().loop());
    }

    public PlanHandler(LoopService loop) {
        this.loop = loop;
    }

    /** What plan needs after the planner returns (duplicate check, artifacts, the PLANNED write), with room to spare. */
    static final java.time.Duration AFTER_PLANNER = java.time.Duration.ofSeconds(20);

    /** When the planner must hand its result back: the invocation's own end minus {@link #AFTER_PLANNER}; none locally. */
    static java.time.Instant deadline(Context context) {
        return context == null ? null
                : java.time.Instant.now().plusMillis(context.getRemainingTimeInMillis()).minus(AFTER_PLANNER);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Handlers.invoke("plan", event, context, ev -> {
            Events.PlanEvent e = Handlers.event(ev, Events.PlanEvent.class);
            return loop.plan(e.runId(), e.slot(), deadline(context));
        });
    }
}
