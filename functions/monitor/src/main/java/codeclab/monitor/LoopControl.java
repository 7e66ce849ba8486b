package codeclab.monitor;

/**
 * Pauses and resumes the research loop (locally a flag the runner obeys; on AWS also the generation schedule).
 * The monitor only calls {@link #pause} when {@code MonitorConfig.autoPause} is on.
 */
public interface LoopControl {

    void pause(String reason);

    void resume();

    boolean paused();
}
