package org.jdamon.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.jdamon.record.Recording;
import org.jdamon.web.DashboardServer;
import org.jdamon.web.DashboardState;
import org.jdamon.web.ReplayFeed;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jdamon serve}: the live dashboard and {@code /metrics}. Feeds: {@code -i RECORD} replays a
 * record; a live monitoring session attaches a {@link org.jdamon.web.LiveFeed} to its context.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve a read-only live dashboard (heatmap, WSS, regions, scheme stats; server-sent events) and "
                    + "Prometheus /metrics.",
            "Binds to 127.0.0.1 unless --address says otherwise."
        })
public final class ServeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Replay this record file.")
    Path input;

    @Option(names = "--address", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    @Option(names = "--replay_speed", defaultValue = "1", paramLabel = "X",
            description = "Replay speed factor (default 1 = recorded pace; 0 = as fast as possible).")
    double replaySpeed;

    @Option(names = "--history", defaultValue = "3000", paramLabel = "N",
            description = "Snapshots kept for the heatmap and charts (default: ${DEFAULT-VALUE}).")
    int history;

    @Override
    public void run() {
        if (input == null) {
            throw new UserException("nothing to serve: give a record with -i FILE", true);
        }
        if (port < 0 || port > 65535) {
            throw new UserException("--port must be within 0..65535: " + port, true);
        }
        if (replaySpeed < 0 || history <= 0) {
            throw new UserException("--replay_speed must be >= 0 and --history > 0", true);
        }
        Recording rec = RecordInputs.read(input, spec.commandLine().getErr());
        DashboardState state = new DashboardState(history, org.jdamon.report.WorkingSetSize.DAMO_DEFAULT);
        try (DashboardServer server = DashboardServer.start(state, address, port)) {
            spec.commandLine().getErr().println("jdamon: dashboard at " + server.url() + " (metrics at "
                    + server.url() + "metrics); Ctrl-C to stop");
            spec.commandLine().getErr().flush();
            ReplayFeed.start(rec, input.getFileName().toString(), state, replaySpeed);
            Thread.currentThread().join();
        } catch (IOException e) {
            throw new UserException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
