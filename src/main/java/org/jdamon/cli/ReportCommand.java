package org.jdamon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jdamon report <type>}: the reports over record files, each its own subcommand class. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Show recorded monitoring results (jdamon records and damo's record files).",
        subcommands = {
            ReportRawCommand.class,
            ReportAccessCommand.class,
            ReportWssCommand.class,
            ReportNrRegionsCommand.class,
            ReportHeatmapCommand.class,
            ReportSiteCommand.class,
            ReportProfileCommand.class,
            ReportTimesCommand.class,
            ReportDamonCommand.class,
            ReportSchemesCommand.class,
        })
public final class ReportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing report type (e.g. wss, heatmap)");
    }
}
