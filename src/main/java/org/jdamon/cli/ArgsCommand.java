package org.jdamon.cli;

import java.util.concurrent.Callable;
import org.jdamon.config.KdamondsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jdamon args ...}: prints complete configurations for partial ones, like {@code damo args}. */
@Command(name = "args", description = "Print complete parameters for the given options.",
        subcommands = {ArgsCommand.Damon.class})
public final class ArgsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code jdamon args damon [options]}: the kdamonds JSON for the monitoring and DAMOS options. */
    @Command(name = "damon", mixinStandardHelpOptions = true,
            description = "Print the complete kdamonds JSON configuration for the given DAMON/DAMOS options.")
    public static final class Damon implements Callable<Integer> {
        @Mixin
        KernelConfigOptions config;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Option(names = "--raw", description = "Print numbers in damo's machine-friendly raw form.")
        boolean raw;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(KdamondsJson.write(config.config(false), raw));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
