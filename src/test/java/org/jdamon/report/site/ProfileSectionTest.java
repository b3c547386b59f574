package org.jdamon.report.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jdamon.profile.Profile;
import org.jdamon.profile.ProfileCodec;
import org.jdamon.profile.StackSample;
import org.jdamon.record.Recording;
import org.jdamon.report.TestRecords;
import org.jdamon.report.WorkingSetSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record with call stacks gets a "Call stacks" section in its site page: the timeline picture and the
 * hottest code. The hot-band record lasts 10 s; stacks every 100 ms: [Band.hot, main] in [2 s, 6 s) (40
 * samples), [Idle.wait, main] otherwise (60), so Idle.wait is 60% and Band.hot 40% of the self samples.
 */
class ProfileSectionTest {
    @TempDir
    Path dir;

    @Test
    void recordWithStacksGetsTheTimelineAndTheHottestCode() throws Exception {
        Recording plain = TestRecords.hotBand();
        List<StackSample> s = new ArrayList<>();
        for (long ms = 0; ms < 10_000; ms += 100) {
            boolean hot = ms >= 2000 && ms < 6000;
            s.add(new StackSample(ms * 1_000_000L, "main", List.of(hot ? "Band.hot" : "Idle.wait", "main")));
        }
        Recording rec = new Recording(plain.header(), plain.snapshots(), ProfileCodec.encode(new Profile("jfr", s)),
                plain.warnings());
        new SiteGenerator(WorkingSetSize.DAMO_DEFAULT).generate(List.of(new SiteGenerator.Entry("with", rec, List.of()),
                new SiteGenerator.Entry("without", plain, List.of())), dir);
        String page = Files.readString(dir.resolve("with/index.html"));
        assertThat(page).contains("<h2>Call stacks</h2>", "src=\"profile.t0.png\"",
                "  60.00%      60  Idle.wait", "  40.00%      40  Band.hot");
        assertThat(ImageIO.read(dir.resolve("with/profile.t0.png").toFile()).getWidth())
                .isEqualTo(SiteGenerator.HEATMAP_WIDTH);
        assertThat(Files.readString(dir.resolve("without/index.html"))).doesNotContain("Call stacks");
        assertThat(dir.resolve("without/profile.t0.png")).doesNotExist();
    }
}
