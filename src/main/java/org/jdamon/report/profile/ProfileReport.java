package org.jdamon.report.profile;

import java.util.List;
import java.util.Locale;
import org.jdamon.profile.Profile;
import org.jdamon.report.TimeWindow;

/**
 * The text of {@code jdamon report profile}: for the time windows where the filtered access pattern was
 * seen, the top functions (self and total) with percentages of the samples in those windows, and the
 * hottest full stacks, innermost frame first, like {@code perf report}'s overhead column.
 */
public final class ProfileReport {
    private ProfileReport() {}

    public static String text(Profile profile, List<TimeWindow> windows, long recordLengthNs, int topFunctions,
            int topStacks) {
        ProfileSummary sum = ProfileSummary.of(profile, windows);
        long covered = 0;
        for (TimeWindow w : windows) {
            covered += w.lengthNs();
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# %d samples (%s) in %d time window%s, %.6f s of %.6f s recorded%n",
                sum.samples(), profile.source(), windows.size(), windows.size() == 1 ? "" : "s",
                covered / 1e9, recordLengthNs / 1e9));
        if (sum.samples() == 0) {
            sb.append("# no call-stack samples in these windows\n");
            return sb.toString();
        }
        sb.append("# top functions (self: the running function)\n");
        appendEntries(sb, sum, sum.self(), topFunctions);
        sb.append("# top functions (total: running or calling)\n");
        appendEntries(sb, sum, sum.total(), topFunctions);
        sb.append("# hottest stacks (innermost frame first)\n");
        int n = 0;
        for (ProfileSummary.StackEntry s : sum.stacks()) {
            if (n++ >= topStacks) {
                break;
            }
            sb.append(String.format(Locale.ROOT, "%7.2f%%  %6d samples%n", sum.percent(s.count()), s.count()));
            if (s.frames().isEmpty()) {
                sb.append("            [unknown]\n");
            }
            for (String f : s.frames()) {
                sb.append("            ").append(f).append('\n');
            }
        }
        return sb.toString();
    }

    private static void appendEntries(StringBuilder sb, ProfileSummary sum, List<ProfileSummary.Entry> entries,
            int limit) {
        int n = 0;
        for (ProfileSummary.Entry e : entries) {
            if (n++ >= limit) {
                break;
            }
            sb.append(String.format(Locale.ROOT, "%7.2f%%  %6d  %s%n", sum.percent(e.count()), e.count(),
                    e.function()));
        }
    }

    /** The lines of {@code jdamon report times}: one {@code start-end} line per window. */
    public static String times(List<TimeWindow> windows) {
        StringBuilder sb = new StringBuilder();
        for (TimeWindow w : windows) {
            sb.append(w.toSecondsText()).append('\n');
        }
        return sb.toString();
    }
}
