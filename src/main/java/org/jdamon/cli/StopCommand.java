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

/** {@code jdamon stop}: stops the kdamonds jdamon started; others keep running. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the kdamonds jdamon started. Kdamonds started by anything else keep running.")
public final class StopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KernelOptions kernel;

    @Option(names = "--kdamond", paramLabel = "N", description = "Stop only this one (it must be jdamon's).")
    Integer kdamond;

    @Override
    public Integer call() {
        SysfsDamon damon = kernel.damon();
        PrintWriter out = spec.commandLine().getOut();
        if (kdamond != null) {
            out.println(damon.stop(kdamond) ? "stopped kdamond " + kdamond : "kdamond " + kdamond + " had already stopped");
        } else {
            List<Integer> stopped = damon.stopAll();
            for (int i : stopped) {
                out.println("stopped kdamond " + i);
            }
            for (KdamondStatus k : damon.kdamonds()) {
                if (k.running() && k.owner() == KdamondStatus.Owner.FOREIGN) {
                    out.printf("left kdamond %d (pid %d) running: jdamon did not start it%n", k.index(), k.pid());
                }
            }
            if (stopped.isEmpty()) {
                out.println("no kdamond started by jdamon was running");
            }
        }
        out.flush();
        return 0;
    }
}
