package codeclab.handlers;

import codeclab.loop.Events;
import codeclab.loop.LoopService;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Record: the whole state of a slot (with {@code error} when a Catch routed here) &rarr; {@code {runId, experimentId, status}}. */
public final class RecordHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final LoopService loop;

    public RecordHandler() {
        this(Wiring.shared().loop());
    }

    public RecordHandler(LoopService loop) {
        this.loop = loop;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Handlers.invoke("record", event, context, ev -> loop.record(Handlers.event(ev, Events.RecordEvent.class)));
    }
}
