package org.jdamon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdamon.profile.JfrCollector;
import org.jdamon.profile.PerfCollector;
import org.jdamon.profile.Profile;
import org.jdamon.profile.ProfileCodec;
import org.jdamon.record.Recording;
import org.jdamon.report.profile.ProfileReport;
import org.jdamon.report.profile.ProfileTimeline;
import org.jdamon.report.TimeWindow;
import org.jdamon.report.site.ProfileSection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jdamon report profile}: the hottest call stacks while the filtered access pattern was seen. */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description = {
            "Hottest functions and call stacks in the time windows whose snapshots match the access-pattern "
                    + "filters, like damo's 'report profile'.",
            "The stacks come from the record (jdamon record --profile) or from --profile_input: a JFR file "
                    + "or 'perf script' text with realtime stamps (perf record -k realtime)."
        })
public final class ReportProfileCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RecordInput input;

    @Option(names = "--profile_input", paramLabel = "FILE",
            description = "Call stacks from this JFR file (.jfr) or perf script output instead of the record's.")
    Path profileInput;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Functions to list (default 10).")
    int top;

    @Option(names = "--stacks", paramLabel = "N", defaultValue = "5", description = "Full stacks to list (default 5).")
    int stacks;

    @Option(names = "--timeline", paramLabel = "FILE",
            description = "Also draw the timeline (WSS over time above the call stacks): FILE.png, FILE.svg, or FILE.html "
                    + "for a page with the picture and this report.")
    Path timeline;

    @Option(names = "--target_id", paramLabel = "ID", description = "Target whose WSS the timeline draws (default: the first).")
    Integer targetId;

    @Mixin
    AccessFilterOptions filters;

    @Override
    public void run() {
        if (top < 0 || stacks < 0) {
            throw new UserException("--top and --stacks must not be negative", true);
        }
        Recording rec = input.loadWithSnapshots(spec.commandLine().getErr());
        Profile profile = profileOf(rec, input.path(), profileInput);
        List<TimeWindow> windows = filters.toFilter().windows(rec);
        if (windows.isEmpty()) {
            throw new UserException("no snapshot of the condition found in " + input.path(), true);
        }
        String text = ProfileReport.text(profile, windows, rec.snapshots().getLast().endNs(), top, stacks);
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        if (timeline != null) {
            writeTimeline(rec, profile, windows, text);
        }
    }

    private void writeTimeline(Recording rec, Profile profile, List<TimeWindow> windows, String text) {
        String name = timeline.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean html = name.endsWith(".html") || name.endsWith(".htm");
        boolean svg = name.endsWith(".svg");
        if (!html && !svg && !name.endsWith(".png")) {
            throw new UserException("--timeline: " + timeline + ": expected a .png, .svg or .html file", true);
        }
        int target = targetId != null ? targetId
                : rec.header().targets().isEmpty() ? 0 : rec.header().targets().getFirst().id();
        int width = ProfileTimeline.DEFAULT_WIDTH;
        ProfileTimeline.Layout layout = ProfileTimeline.layout(rec, target, profile, windows, width, 12);
        String title = "working set size and call stacks: " + input.path().getFileName();
        try {
            if (svg) {
                Files.writeString(timeline, ProfileTimeline.svg(layout, title, width), java.nio.charset.StandardCharsets.UTF_8);
                return;
            }
            byte[] png = ProfileTimeline.png(layout, title, width);
            if (html) {
                String page = ProfileSection.page("jdamon profile timeline: " + input.path().getFileName(), png,
                        windows, text);
                Files.writeString(timeline, page, java.nio.charset.StandardCharsets.UTF_8);
            } else {
                Files.write(timeline, png);
            }
        } catch (IOException e) {
            throw new UserException("cannot write " + timeline + ": " + e.getMessage());
        }
    }

    /** The record's own profile, or the one in {@code file} aligned to the record's start. */
    static Profile profileOf(Recording rec, Path input, Path file) {
        if (file == null) {
            Profile p;
            try {
                p = ProfileCodec.decodeAll(rec.sideData());
            } catch (IllegalArgumentException e) {
                throw new UserException(input + ": damaged call-stack profile: " + e.getMessage(), true);
            }
            if (p.isEmpty()) {
                throw new UserException(input + ": the record holds no call stacks (record with --profile, or pass "
                        + "--profile_input FILE)", true);
            }
            return p;
        }
        if (!Files.isRegularFile(file)) {
            throw new UserException("no such profile file: " + file, true);
        }
        long start = rec.header().startEpochNs();
        try {
            if (file.getFileName().toString().endsWith(".jfr")) {
                return JfrCollector.read(file, start);
            }
            return PerfCollector.parseScript(Files.readString(file), start);
        } catch (IOException e) {
            throw new UserException(file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new UserException(file + ": not a JFR file or perf script output (" + e.getMessage() + ")", true);
        }
    }
}
