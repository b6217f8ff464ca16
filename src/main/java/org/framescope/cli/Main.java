package org.framescope.cli;

import java.io.PrintWriter;
import org.framescope.Version;
import org.framescope.model.ModelFormatException;
import org.framescope.util.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code framescope}: the command line. Exit codes: 0 ok, 1 runtime failure, 2 usage or bad input. */
@Command(
        name = "framescope",
        mixinStandardHelpOptions = true,
        version = "framescope " + Version.VERSION,
        description = "Stance and framing classification of news articles and their paragraphs.",
        subcommands = {
            ClassifyCommand.class,
            PredictCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            ExtendCommand.class,
            ExtendBenchCommand.class,
            CvCommand.class,
            InfoCommand.class,
            BenchCommand.class,
            CorpusCommand.class,
            ServeCommand.class,
            LoadTestCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (Throwable t) { // picocli's handler sees Exceptions only; an Error must still end the JVM
            System.err.println("framescope: failed: " + t);
            code = FAILURE;
        }
        System.exit(code);
    }

    /** Runs the CLI and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        quietNativeLogs();
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // Usage errors are one line, like every other error: the full usage would bury the problem.
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr()
                    .println("framescope: error: "
                            + ex.getMessage().replaceAll("\\s+", " ").strip() + " (see '"
                            + cmd.getCommandSpec().qualifiedName() + " --help')");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            Throwable e = ex;
            while ((e instanceof java.io.UncheckedIOException || e instanceof java.util.concurrent.CompletionException)
                    && e.getCause() != null) {
                e = e.getCause();
            }
            if (e instanceof InputException
                    || e instanceof ModelFormatException
                    || e instanceof IllegalArgumentException) {
                err.println("framescope: error: " + e.getMessage());
                return BAD_INPUT;
            }
            // Our own exceptions carry a message meant for users; anything else is a bug or an environment failure.
            err.println("framescope: failed: "
                    + (e instanceof org.framescope.util.FrameScopeException ? e.getMessage() : e));
            if (System.getenv("FRAMESCOPE_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return FAILURE;
        });
        return cl.execute(args);
    }

    /**
     * Telemetry off and native libraries quiet before anything loads them; charts drawn without a
     * display. Process-wide settings belong to the application, so the library never sets them.
     */
    static void quietNativeLogs() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("java.awt.headless", "true");
        System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
    }
}
