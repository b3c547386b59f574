package org.jdamon.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jdamon report <type>}: the reports over record files, each its own subcommand class. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Show recorded monitoring results (jdamon records and damo's record files).")
public final class ReportCommand implements Runnable {
    /** The report types, registered through {@link CommandTree} rather than the annotation. */
    static final List<Class<?>> TYPES = List.of(
            ReportRawCommand.class,
            ReportAccessCommand.class,
            ReportWssCommand.class,
            ReportNrRegionsCommand.class,
            ReportHeatmapCommand.class,
            ReportSiteCommand.class,
            ReportProfileCommand.class,
            ReportTimesCommand.class,
            ReportDamonCommand.class,
            ReportSchemesCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing report type (e.g. wss, heatmap)");
    }
}
