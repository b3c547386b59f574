package org.jdamon.report.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdamon.profile.Profile;
import org.jdamon.profile.StackSample;
import org.jdamon.report.TimeWindow;

/**
 * The hottest code in a set of stack samples: functions by self samples (the running frame), by total
 * samples (running or on the stack, each counted once per sample), and whole stacks, each sorted by count
 * (ties by name so the output is stable).
 */
public record ProfileSummary(int samples, List<Entry> self, List<Entry> total, List<StackEntry> stacks) {

    public record Entry(String function, int count) {}

    public record StackEntry(List<String> frames, int count) {}

    public static ProfileSummary of(List<StackSample> samples) {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<List<String>, Integer> stacks = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (StackSample s : samples) {
            self.merge(s.top(), 1, Integer::sum);
            stacks.merge(s.frames(), 1, Integer::sum);
            seen.clear();
            if (s.frames().isEmpty()) {
                total.merge(s.top(), 1, Integer::sum);
            }
            for (String f : s.frames()) {
                if (seen.add(f)) {
                    total.merge(f, 1, Integer::sum);
                }
            }
        }
        return new ProfileSummary(samples.size(), sorted(self), sorted(total), sortedStacks(stacks));
    }

    /** The samples of {@code profile} inside any of {@code windows}. */
    public static ProfileSummary of(Profile profile, List<TimeWindow> windows) {
        List<StackSample> in = new ArrayList<>();
        for (TimeWindow w : windows) {
            in.addAll(profile.between(w.startNs(), w.endNs()));
        }
        return of(in);
    }

    public double percent(int count) {
        return samples == 0 ? 0 : count * 100.0 / samples;
    }

    private static List<Entry> sorted(Map<String, Integer> counts) {
        List<Entry> out = new ArrayList<>();
        counts.forEach((f, c) -> out.add(new Entry(f, c)));
        out.sort((a, b) -> a.count != b.count ? Integer.compare(b.count, a.count) : a.function.compareTo(b.function));
        return List.copyOf(out);
    }

    private static List<StackEntry> sortedStacks(Map<List<String>, Integer> counts) {
        List<StackEntry> out = new ArrayList<>();
        counts.forEach((f, c) -> out.add(new StackEntry(f, c)));
        out.sort((a, b) -> a.count != b.count ? Integer.compare(b.count, a.count)
                : String.join(";", a.frames).compareTo(String.join(";", b.frames)));
        return List.copyOf(out);
    }
}
