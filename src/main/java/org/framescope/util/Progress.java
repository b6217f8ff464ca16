package org.framescope.util;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for long work, shown only when a person is watching (a console is
 * attached), so logs of batch jobs and CI stay clean.
 */
public final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * Starts a progress bar with that name and total; a no-op when no console is attached or {@code
     * FRAMESCOPE_NO_PROGRESS} is set.
     */
    public static Progress start(String task, long max) {
        boolean interactive = System.console() != null && System.getenv("FRAMESCOPE_NO_PROGRESS") == null;
        if (!interactive) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build());
    }

    /** Advances the bar by {@code n} steps. */
    public void stepBy(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    /** Sets the message shown after the bar. */
    public void extra(String message) {
        if (bar != null) {
            bar.setExtraMessage(message);
        }
    }

    /** Closes the bar, finishing its line on stderr. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
