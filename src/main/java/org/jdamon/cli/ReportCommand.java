package org.jdamon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jdamon report}: the reports over record files, each a subcommand. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Show record files: heatmaps, working set sizes, a static site.",
        subcommands = {ReportHeatmapCommand.class, ReportSiteCommand.class})
public final class ReportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing report type (e.g. heatmap, site)");
    }
}
