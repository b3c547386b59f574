package org.jdamon.report.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.profile.Profile;
import org.jdamon.profile.StackSample;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.report.SnapshotFilter;
import org.jdamon.report.TimeWindow;
import org.jdamon.report.profile.ProfileTimeline;
import org.junit.jupiter.api.Test;

/**
 * The timeline picture of a 2 s record: ten 100 ms snapshots with a 64 MiB working set, then ten with
 * 8 KiB; stacks [big, main] sampled every 10 ms in the first second and [small, main] in the second.
 * The picture is 1000 px wide with an 896 px plot (84 px left margin), so t = 0.5 s is x = 84 + 224 = 308
 * and t = 1.5 s is x = 756.
 */
class ProfileTimelineTest {
    private static final long MS = 1_000_000L;

    static Recording record() {
        List<Snapshot> snaps = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boolean big = i < 10;
            snaps.add(new Snapshot(i * 100 * MS, (i + 1) * 100 * MS, List.of(new TargetSnapshot(0,
                    new long[] {0x10000000L, 0x20000000L}, new long[] {0x10000000L + (64L << 20), 0x20002000L},
                    new int[] {big ? 20 : 0, big ? 0 : 20}, new int[] {0, 0}))));
        }
        return new Recording(new RecordHeader(1, "test", Attributes.DAMO_DEFAULTS, "vaddr",
                List.of(new TargetInfo(0, 1, "w")), 0, Map.of()), snaps, List.of(), List.of());
    }

    static Profile profile() {
        List<StackSample> s = new ArrayList<>();
        for (int ms = 0; ms < 2000; ms += 10) {
            s.add(new StackSample(ms * MS, "main", List.of(ms < 1000 ? "W.big" : "W.small", "W.main")));
        }
        return new Profile("jfr", s);
    }

    @Test
    void wssAndStackBandLineUpInTime() throws Exception {
        Recording rec = record();
        List<TimeWindow> windows = SnapshotFilter.all().regionSize(32L << 20, -1L).accessRatePercent(50, 100).windows(rec);
        assertThat(windows).containsExactly(new TimeWindow(0, 1000 * MS));
        ProfileTimeline.Layout l = ProfileTimeline.layout(rec, 0, profile(), windows, 1000, 12);
        assertThat(l.startNs()).isZero();
        assertThat(l.endNs()).isEqualTo(2000 * MS);
        assertThat(l.wss()[0]).isEqualTo(64L << 20);
        assertThat(l.wss()[19]).isEqualTo(8L << 10);
        assertThat(l.band().rows()).isEqualTo(2);

        BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(ProfileTimeline.png(l, "test", 1000)));
        assertThat(img.getHeight()).isEqualTo(ProfileTimeline.height(l));
        int bandTop = ProfileTimeline.TOP + ProfileTimeline.WSS_HEIGHT + ProfileTimeline.GAP;
        int innerRowY = bandTop + ProfileTimeline.ROW + 2; // row 1: the innermost frame, near its top edge
        assertThat(img.getRGB(308, innerRowY) & 0xFFFFFF).isEqualTo(ProfileTimeline.colorOf("W.big"));
        assertThat(img.getRGB(756, innerRowY) & 0xFFFFFF).isEqualTo(ProfileTimeline.colorOf("W.small"));
        assertThat(img.getRGB(756, bandTop + 2) & 0xFFFFFF).isEqualTo(ProfileTimeline.colorOf("W.main"));
        // the WSS line runs near the top of the panel in the first second (64 MiB, the maximum, under 5%
        // headroom: 220 px * (1 - 1 / 1.05) = 10.5 px below the top) and near its bottom in the second:
        // look for the line's blue in a column of each half
        assertThat(blueRows(img, 500)).isNotEmpty().allMatch(y -> y >= ProfileTimeline.TOP + 8 && y <= ProfileTimeline.TOP + 13);
        assertThat(blueRows(img, 700)).allMatch(y -> y > ProfileTimeline.TOP + ProfileTimeline.WSS_HEIGHT - 10);
        assertThat(blueRows(img, 700)).isNotEmpty();
        // the matching window [0, 1 s) is shaded, the rest of the panel is white
        assertThat(img.getRGB(200, ProfileTimeline.TOP + 120) & 0xFFFFFF).isEqualTo(0xFFF2B3);
        assertThat(img.getRGB(600, ProfileTimeline.TOP + 120) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    private static List<Integer> blueRows(BufferedImage img, int x) {
        List<Integer> ys = new ArrayList<>();
        for (int y = ProfileTimeline.TOP - 2; y <= ProfileTimeline.TOP + ProfileTimeline.WSS_HEIGHT + 2; y++) {
            int rgb = img.getRGB(x, y) & 0xFFFFFF;
            int r = rgb >> 16;
            int b = rgb & 0xFF;
            if (b > 150 && r < 120) {
                ys.add(y);
            }
        }
        return ys;
    }
}
