package org.jdamon.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jdamon.report.TerminalHeatmap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jdamon demo}: the main job on the bundled default workload, no root or kernel support needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Record the bundled demo workload (simulated, in virtual time) and show what DAMON saw: "
                + "WSS percentiles, a terminal heatmap and demo.png.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--sim", defaultValue = "demo", paramLabel = "CONFIG",
            description = "Workload to record (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = {"-o", "--out"}, defaultValue = "demo.data", paramLabel = "FILE",
            description = "Record file (default: ${DEFAULT-VALUE}).")
    Path record;

    @Option(names = "--png", defaultValue = "demo.png", paramLabel = "FILE",
            description = "Heatmap image (default: ${DEFAULT-VALUE}).")
    Path png;

    @Override
    public Integer call() throws IOException {
        java.io.Console console = System.console();
        boolean terminal = console != null && console.isTerminal() && System.getenv("NO_COLOR") == null;
        Demo.run(workload, record, png, System.out, terminal ? TerminalHeatmap.ColorSet.GRAY : null);
        return 0;
    }
}
