package codeclab.handlers;

import codeclab.loop.Events;
import codeclab.loop.LoopService;
import codeclab.loop.StageListener.Stage;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Execute: the validated state &rarr; {@code {outcome, evaluationKey, message}} (stored under {@code $.execution}). */
public final class ExecuteHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final LoopService loop;

    public ExecuteHandler() {
        this(Wiring.shared().loop());
        Priming.register(loop, Stage.EXECUTE);
    }

    public ExecuteHandler(LoopService loop) {
        this.loop = loop;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        // The held-out pass only starts if its worst case fits in what is left of the function's timeout.
        java.time.Duration left = context == null ? null : java.time.Duration.ofMillis(context.getRemainingTimeInMillis());
        return Handlers.invoke("execute", event, context, ev -> loop.execute(Handlers.event(ev, Events.Planned.class), left));
    }
}
