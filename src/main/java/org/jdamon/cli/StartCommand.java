package org.jdamon.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdamon.ops.kernel.KdamondStatus;
import org.jdamon.ops.kernel.SysfsDamon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jdamon start}: starts the kernel's DAMON (a kdamond through sysfs) with the given parameters. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start the kernel's DAMON with the given parameters (sysfs; needs root). "
                + "Refuses while a kdamond jdamon did not start is running.")
public final class StartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KernelConfigOptions config;

    @Mixin
    KernelOptions kernel;

    @Option(names = "--replace_stopped",
            description = "Allow discarding stopped kdamond directories that jdamon did not create.")
    boolean replaceStopped;

    @Override
    public Integer call() {
        SysfsDamon damon = kernel.damon();
        List<Integer> started = damon.start(config.specs(), replaceStopped);
        PrintWriter out = spec.commandLine().getOut();
        for (int i : started) {
            KdamondStatus k = damon.kdamond(i);
            out.printf("started kdamond %d (pid %d)%n", i, k.pid());
        }
        out.flush();
        return 0;
    }
}
