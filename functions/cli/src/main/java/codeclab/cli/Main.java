package codeclab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code codec-lab} command. Every subcommand has {@code --help}; every subcommand that reports has
 * {@code --json}. Errors are one line naming what was wrong, exit code non-zero, and a stack trace only
 * with {@code --verbose}.
 */
@Command(name = "codec-lab", mixinStandardHelpOptions = true, version = "codec-lab 0.1.0",
        description = "Autonomous research loop for video compression: plan, validate, execute, record, monitor.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ClipsCommand.class,
                MetricsCommand.class,
                BaselineCommand.class,
                EvaluateCommand.class,
                ValidateCommand.class,
                RunCommand.class,
                ExperimentsCommand.class,
                OpsCommands.Monitor.class,
                OpsCommands.Review.class,
                OpsCommands.Pause.class,
                OpsCommands.Resume.class,
                OpsCommands.Purge.class,
                OpsCommands.Restore.class,
                OpsCommands.FreshStart.class,
                SiteCommands.Report.class,
                SiteCommands.Serve.class,
        })
public final class Main extends CommandGroup {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces on errors.")
    boolean verbose;

    public static void main(String[] args) {
        if (java.util.Arrays.stream(args).noneMatch("--verbose"::equals)) {
            // Library INFO logs (java.util.logging) would interleave with the CLI's own output.
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        }
        int code = commandLine().execute(args);
        // Some libraries (embedded servers, metrics) leave non-daemon threads; the CLI always ends here.
        System.exit(code);
    }

    /** A mistyped command line: one line, a suggestion when picocli has one, and where the help is (not the help itself). */
    static int badArguments(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String message = ex.getMessage().replace('\n', ' ').strip();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += "; did you mean " + String.join(" or ", u.getSuggestions().stream().limit(3).toList()) + "?";
        }
        cmd.getErr().println("codec-lab: " + message + " (see " + Hints.command(commandPath(cmd) + " --help", java.util.List.of()).replace("  ", " ") + ")");
        return 2;
    }

    /** "experiments list" for that subcommand; "" for the top level. */
    private static String commandPath(CommandLine cmd) {
        java.util.Deque<String> names = new java.util.ArrayDeque<>();
        for (CommandLine c = cmd; c != null && c.getParent() != null; c = c.getParent()) {
            names.addFirst(c.getCommandName());
        }
        return String.join(" ", names);
    }

    /** The configured command line; tests call {@code execute} on it without exiting the JVM. */
    public static CommandLine commandLine() {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            boolean verbose = parsed.matchedOption("--verbose") != null
                    || parsed.asCommandLineList().stream().anyMatch(c -> c.getParseResult().matchedOption("--verbose") != null);
            if (verbose) {
                ex.printStackTrace(line.getErr());
            } else {
                line.getErr().println("codec-lab: " + CliErrors.oneLine(ex));
            }
            return ex instanceof UserError ue ? ue.exitCode() : 1;
        });
        cl.setParameterExceptionHandler(Main::badArguments);
        return cl;
    }
}
