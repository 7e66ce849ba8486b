package codeclab.handlers;

import codeclab.loop.Events;
import codeclab.loop.LoopService;
import codeclab.loop.StageListener.Stage;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Validate: the planned state &rarr; {@code {valid, outcome, message}} (stored under {@code $.validation}). */
public final class ValidateHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final LoopService loop;

    public ValidateHandler() {
        this(Wiring.shared().loop());
        Priming.register(loop, Stage.VALIDATE);
    }

    public ValidateHandler(LoopService loop) {
        this.loop = loop;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Handlers.invoke("validate", event, context, ev -> loop.validate(Handlers.event(ev, Events.Planned.class)));
    }
}
