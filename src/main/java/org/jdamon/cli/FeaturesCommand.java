package org.jdamon.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdamon.io.Json;
import org.jdamon.ops.linux.LinuxFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jdamon features}: what this machine supports, probed (see {@link LinuxFeatures}). */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Show which operations sets and kernel features this machine supports (probed, read only).")
public final class FeaturesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the features as JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<LinuxFeatures.Feature> features = LinuxFeatures.probe();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.writePretty(features));
            return 0;
        }
        String group = null;
        for (LinuxFeatures.Feature f : features) {
            if (!f.group().equals(group)) {
                group = f.group();
                out.println(group + ":");
            }
            out.printf("  %-16s %-4s %s%n", f.name(), f.available() ? "yes" : "no", f.detail());
        }
        out.flush();
        return 0;
    }
}
