package org.jdamon.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jdamon.core.Units;
import org.jdamon.core.VirtualClock;
import org.jdamon.core.WallClock;
import org.jdamon.record.Recording;
import org.jdamon.record.capture.DamosCapture;
import org.jdamon.report.WorkingSetSize;
import org.jdamon.session.MonitorRun;
import org.jdamon.session.SchemeSetup;
import org.jdamon.session.MonitorSource;
import org.jdamon.session.SimSource;
import org.jdamon.web.DashboardServer;
import org.jdamon.web.DashboardState;
import org.jdamon.web.LiveFeed;
import org.jdamon.web.ReplayFeed;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jdamon serve}: the live dashboard and {@code /metrics}, fed by a simulated workload monitored
 * live ({@code --sim}, paced to wall time by {@code --speed}) or by the replay of a record ({@code -i}).
 * The server keeps serving the final state after the feed ends, until Ctrl-C.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve a read-only live dashboard (heatmap, WSS, regions, scheme stats; server-sent events) and "
                    + "Prometheus /metrics.",
            "Binds to 127.0.0.1 unless --address says otherwise."
        })
public final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Replay this record file.")
    Path input;

    @Option(names = "--sim", paramLabel = "CONFIG",
            description = "Monitor a simulated workload live: a masim config file or a built-in name (demo, ...).")
    String sim;

    @Option(names = "--sim_rate", paramLabel = "ACCESSES_PER_MS", defaultValue = "0",
            description = "Total access rate of the simulated workload (default: the workload's).")
    long simRate;

    @Option(names = "--duration", paramLabel = "TIME",
            description = "Stop monitoring after this much monitored time (e.g. 60s).")
    String duration;

    @Option(names = "--address", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port (default: ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "X",
            description = "Monitored (or recorded) seconds per wall second (default 1; 0 = as fast as possible).")
    double speed;

    @Option(names = "--history", defaultValue = "3000", paramLabel = "N",
            description = "Snapshots kept for the heatmap and charts (default: ${DEFAULT-VALUE}).")
    int history;

    @Mixin
    MonitoringOptions monitoring;

    @Mixin
    SchemeOptions schemeOptions;

    @Override
    public Integer call() throws Exception {
        if ((input == null) == (sim == null)) {
            throw new UserException("give exactly one feed: --sim CONFIG (live) or -i FILE (replay)", true);
        }
        if (port < 0 || port > 65535) {
            throw new UserException("--port must be within 0..65535: " + port, true);
        }
        if (speed < 0 || history <= 0) {
            throw new UserException("--speed must be >= 0 and --history > 0", true);
        }
        long durationNs = CliParsing.durationNs("--duration", duration);
        SchemeSetup schemes = schemeOptions.setup(monitoring);
        Recording rec = input == null ? null : RecordInputs.read(input, spec.commandLine().getErr());
        MonitorSource source = sim == null ? null : SimSource.load(sim, simRate, speed == 0 ? new VirtualClock()
                : VirtualClock.paced(new WallClock(), speed, VirtualClock.paceWindowNs(schemes.attributes())));
        if (source != null) {
            try {
                schemes.validateFor(source.operations());
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage(), true);
            }
        }
        DashboardState state = new DashboardState(history, WorkingSetSize.DAMO_DEFAULT);
        var err = spec.commandLine().getErr();
        try (DashboardServer server = DashboardServer.start(state, address, port)) {
            err.println("jdamon: dashboard at " + server.url() + " (metrics at " + server.url()
                    + "metrics); Ctrl-C to stop");
            err.flush();
            if (rec != null) {
                ReplayFeed.start(rec, input.getFileName().toString(), state, speed);
            } else {
                MonitorRun run = new MonitorRun(source)
                        .attributes(schemes.attributes())
                        .schemes(schemes.schemeEngine())
                        .seed(monitoring.seed())
                        .durationNs(durationNs)
                        .onBuild((ctx, writer) -> {
                            LiveFeed.attach(ctx, state, source.properties(), "live: simulated workload " + sim);
                            ctx.addAfterAggregation(DamosCapture.listener(schemes.engine(), state::publishSideData));
                        });
                MonitorRun.Result r = run.run();
                state.finish();
                err.printf("jdamon: monitoring ended after %d snapshots (%s monitored); still serving%n",
                        r.snapshots(), Units.formatDurationUs(r.monitoredNs() / 1000));
                err.flush();
                if (r.interrupted()) {
                    return 0;
                }
            }
            Thread.currentThread().join();
        } catch (IOException e) {
            throw new UserException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
