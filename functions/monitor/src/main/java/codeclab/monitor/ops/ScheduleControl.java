package codeclab.monitor.ops;

/**
 * The schedule that starts new generations of the loop (on AWS the EventBridge generation rule). Pausing a run
 * disables it so nothing new starts; resuming enables it. Locally there is no schedule: {@link #NONE}.
 */
public interface ScheduleControl {

    void disable();

    void enable();

    /** No schedule (the local runner obeys the run's paused flag only). */
    ScheduleControl NONE = new ScheduleControl() {
        @Override
        public void disable() {
        }

        @Override
        public void enable() {
        }

        @Override
        public String toString() {
            return "no schedule";
        }
    };
}
