package org.jdamon.cli;

import java.io.PrintWriter;
import org.jdamon.record.Recording;
import org.jdamon.report.profile.ProfileReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jdamon report times}: the time windows whose snapshots match the access-pattern filters. */
@Command(
        name = "times",
        mixinStandardHelpOptions = true,
        description = "Time windows (start-end, seconds since the record's start, µs precision) of the snapshots "
                + "matching the access-pattern filters, touching snapshots merged; for feeding other profilers.")
public final class ReportTimesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RecordInput input;

    @Mixin
    AccessFilterOptions filters;

    @Override
    public void run() {
        Recording rec = input.loadWithSnapshots(spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        out.print(ProfileReport.times(filters.toFilter().windows(rec)));
        out.flush();
    }
}
