package codeclab.monitor.ops;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.util.Objects;

/** {@link ScheduleControl} over an EventBridge rule (DisableRule / EnableRule), SDK v2. */
public final class EventBridgeScheduleControl implements ScheduleControl {

    private final EventBridgeClient events;
    private final String ruleName;

    public EventBridgeScheduleControl(EventBridgeClient events, String ruleName) {
        this.events = Objects.requireNonNull(events, "events");
        if (ruleName == null || ruleName.isBlank()) {
            throw new IllegalArgumentException("EventBridge rule name needed (stack output GenerationRuleName)");
        }
        this.ruleName = ruleName;
    }

    @Override
    public void disable() {
        events.disableRule(r -> r.name(ruleName));
    }

    @Override
    public void enable() {
        events.enableRule(r -> r.name(ruleName));
    }

    @Override
    public String toString() {
        return "EventBridge rule " + ruleName;
    }
}
