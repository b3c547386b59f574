package org.jdamon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jdamon report <type>}: the report types, each its own subcommand class. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Show recorded monitoring results.",
        subcommands = {
            ReportProfileCommand.class,
            ReportTimesCommand.class,
        })
public final class ReportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing report type");
    }
}
