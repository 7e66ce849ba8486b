package codeclab.cli;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM for {@code codec-lab run}, handled by the command instead of the JVM's shutdown: the
 * first asks the loop to stop after the experiments in flight are recorded (the store stays up meanwhile); the second
 * runs {@code now}, which marks what is still in flight and exits. The JVM's default would start the shutdown hooks at
 * once, stopping the embedded store under the experiments in flight; and a second Ctrl-C would do nothing.
 */
final class StopSignals implements AutoCloseable {

    private static final String[] NAMES = {"INT", "TERM"};

    private final AtomicInteger received = new AtomicInteger();
    private final sun.misc.SignalHandler[] previous = new sun.misc.SignalHandler[NAMES.length];

    private StopSignals(Runnable first, Runnable second) {
        for (int i = 0; i < NAMES.length; i++) {
            try {
                previous[i] = handle(NAMES[i], first, second);
            } catch (IllegalArgumentException reserved) {
                // The JVM keeps this signal (e.g. under -Xrs): its default shutdown applies, as before.
            }
        }
    }

    private sun.misc.SignalHandler handle(String name, Runnable first, Runnable second) {
        return sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
            int n = received.incrementAndGet();
            if (n == 1) {
                first.run();
            } else if (n == 2) {
                // On its own thread: the handler thread must return for a third signal to be seen at all.
                new Thread(second, "codec-lab-stop-now").start();
            }
        });
    }

    /** Installs the handlers until {@link #close()}. */
    static StopSignals install(Runnable first, Runnable second) {
        return new StopSignals(first, second);
    }

    /** True once a stop was asked for. */
    boolean stopping() {
        return received.get() > 0;
    }

    @Override
    public void close() {
        for (int i = 0; i < NAMES.length; i++) {
            if (previous[i] != null) sun.misc.Signal.handle(new sun.misc.Signal(NAMES[i]), previous[i]);
        }
    }
}
