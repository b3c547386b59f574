package org.jdamon.cli;

import java.nio.file.Path;
import org.jdamon.ops.kernel.Ownership;
import org.jdamon.ops.kernel.SysfsDamon;
import picocli.CommandLine.Option;

/** Where the kernel's DAMON lives and where jdamon remembers what it started (tests point both elsewhere). */
final class KernelOptions {
    @Option(names = "--sysfs", paramLabel = "DIR", defaultValue = "/sys", hidden = true,
            description = "sysfs mount point (default: ${DEFAULT-VALUE}).")
    Path sysfs;

    @Option(names = "--state_dir", paramLabel = "DIR", defaultValue = "/run/jdamon",
            description = "Where jdamon records the kdamonds it started (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    SysfsDamon damon() {
        return new SysfsDamon(sysfs, new Ownership(stateDir));
    }
}
