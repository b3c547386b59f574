package org.jdamon.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.report.WorkingSetSize;
import org.jdamon.report.site.SiteGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jdamon report site}: a static site of records that opens from file:// without network. */
@Command(
        name = "site",
        mixinStandardHelpOptions = true,
        description = "Write a static HTML site (index, per-record heatmaps, WSS charts, record info) to a directory.")
public final class ReportSiteCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--input"}, arity = "1..*", required = true, paramLabel = "FILE", description = "Record files.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output directory.")
    Path output;

    @Override
    public void run() {
        List<SiteGenerator.Entry> entries = new ArrayList<>();
        for (Path p : inputs) {
            entries.add(new SiteGenerator.Entry(p.getFileName().toString(), RecordInputs.read(p, spec.commandLine().getErr()), List.of()));
        }
        try {
            Path index = new SiteGenerator(WorkingSetSize.DAMO_DEFAULT).generate(entries, output);
            spec.commandLine().getOut().println(index.toAbsolutePath().toUri());
            spec.commandLine().getOut().flush();
        } catch (IOException e) {
            throw new UserException(output + ": " + e.getMessage());
        }
    }
}
