package org.jdamon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jdamon workload <action>}: real workloads to monitor. */
@Command(
        name = "workload",
        mixinStandardHelpOptions = true,
        description = "Run a masim-style workload as a real process (the demo target and test ground truth).",
        subcommands = {WorkloadRunCommand.class})
public final class WorkloadCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing workload action (run)");
    }
}
