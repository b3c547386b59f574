package org.jdamon.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jdamon} command line. Subcommands live in their own classes and hold no logic beyond
 * turning options into calls. Exit codes: 0 success, 1 runtime failure, 2 usage error.
 */
@Command(
        name = "jdamon",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "DAMON, the Data Access MONitor, in Java.")
public final class Main implements Runnable {
    /** The top-level subcommands, registered through {@link CommandTree} rather than the annotation. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            RecordCommand.class,
            ConvertRecordFormatCommand.class,
            ReportCommand.class,
            AdjustCommand.class,
            EvalCommand.class,
            TraceCommand.class,
            ServeCommand.class,
            BenchCommand.class,
            ArgsCommand.class,
            FeaturesCommand.class,
            WorkloadCommand.class,
            StartCommand.class,
            TuneCommand.class,
            StopCommand.class,
            StatusCommand.class,
            ModuleCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        int code;
        try {
            code = execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // never a Java stack trace for the user: the bounded readers should make this unreachable
            System.err.println("jdamon: internal error: " + (e instanceof OutOfMemoryError
                    ? "out of memory (" + e.getMessage() + "); give the JVM more with JDAMON_JAVA_OPTS=-Xmx8g"
                    : "stack overflow") + " (set JDAMON_DEBUG=1 for details)");
            if (System.getenv("JDAMON_DEBUG") != null) {
                e.printStackTrace();
            }
            code = Errors.RUNTIME;
        }
        System.exit(code);
    }

    /** Runs the command line and returns the exit code, for tests and {@link #main}. */
    public static int execute(String... args) {
        return commandLine(args).execute(args);
    }

    /** The whole command tree, with jdamon's error handlers (help listings, tests that run commands). */
    public static CommandLine commandLine() {
        return withHandlers(CommandTree.full());
    }

    /** The command tree along the path {@code args} names, complete wherever the path is ambiguous. */
    static CommandLine commandLine(String... args) {
        return withHandlers(CommandTree.along(args));
    }

    private static CommandLine withHandlers(CommandLine cl) {
        cl.setExitCodeExceptionMapper(Errors::exitCode);
        cl.setExecutionExceptionHandler(Errors::handleExecutionException);
        cl.setParameterExceptionHandler(Errors::handleParameterException);
        return cl;
    }
}
