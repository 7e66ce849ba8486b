package codeclab.handlers;

import codeclab.monitor.ops.MonitorFunction;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/**
 * The hourly monitor Lambda (EventBridge rule): a shell over {@link MonitorFunction}. Clients are built in the
 * constructor so SnapStart snapshots them; the event may name a run ({@code {"runId": "run-3"}}), else the current run.
 * EMF metrics go to stdout, which CloudWatch Logs turns into metrics.
 */
public final class MonitorHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final MonitorFunction function;

    public MonitorHandler() {
        this(MonitorFunction.fromEnvironment(System.getenv()));
    }

    public MonitorHandler(MonitorFunction function) {
        this.function = function;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Handlers.invoke("monitor", event, context, function::handle);
    }
}
