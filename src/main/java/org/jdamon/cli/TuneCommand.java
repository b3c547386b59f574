package org.jdamon.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.jdamon.ops.kernel.KdamondSpec;
import org.jdamon.ops.kernel.KdamondStatus;
import org.jdamon.ops.kernel.SysfsDamon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jdamon tune}: commits new parameters to jdamon's running kdamond, online. */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Commit new parameters to the running kdamond jdamon started (online, no restart).")
public final class TuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KernelConfigOptions config;

    @Mixin
    KernelOptions kernel;

    @Option(names = "--kdamond", paramLabel = "N",
            description = "Which of jdamon's kdamonds (default: the only one running).")
    Integer kdamond;

    @Override
    public Integer call() {
        SysfsDamon damon = kernel.damon();
        List<KdamondSpec> specs = config.specs();
        if (specs.size() != 1) {
            throw new UserException("tune takes one kdamond's parameters, got " + specs.size(), true);
        }
        int index = kdamond != null ? kdamond : onlyRunning(damon);
        damon.commit(index, specs.getFirst());
        spec.commandLine().getOut().printf("committed new parameters to kdamond %d (pid %d)%n", index,
                damon.kdamond(index).pid());
        spec.commandLine().getOut().flush();
        return 0;
    }

    static int onlyRunning(SysfsDamon damon) {
        List<KdamondStatus> ours = damon.kdamonds().stream()
                .filter(k -> k.running() && k.owner() == KdamondStatus.Owner.JDAMON).toList();
        if (ours.isEmpty()) {
            throw new UserException("no kdamond started by jdamon is running (see 'jdamon status')");
        }
        if (ours.size() > 1) {
            throw new UserException("jdamon runs " + ours.size() + " kdamonds: choose one with --kdamond", true);
        }
        return ours.getFirst().index();
    }
}
