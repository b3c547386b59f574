package org.jdamon.session;

import java.util.List;
import java.util.Map;
import org.jdamon.core.Clock;
import org.jdamon.core.Operations;
import org.jdamon.core.Target;
import org.jdamon.core.WallClock;
import org.jdamon.ops.linux.LinuxTargets;

/** A live Linux target (a command jdamon starts, a running pid, physical memory) in real time. */
public final class LinuxSource implements MonitorSource {
    private final LinuxTargets.Setup setup;
    private final WallClock clock = new WallClock();

    public LinuxSource(LinuxTargets.Setup setup) {
        this.setup = setup;
    }

    public String description() {
        return setup.description();
    }

    /** See {@link org.jdamon.ops.linux.access.AccessPrimitive#caveat}. */
    public String caveat() {
        return setup.caveat();
    }

    @Override
    public Operations operations() {
        return setup.operations();
    }

    @Override
    public List<Target> targets() {
        return setup.targets();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Map<String, String> properties() {
        return setup.properties();
    }

    @Override
    public void close() {
        setup.close();
    }
}
