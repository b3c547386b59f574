package org.jdamon.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jdamon.record.LabeledRange;
import org.jdamon.record.MemoryAreasCodec;
import org.jdamon.record.SideData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Profile and memory-area side data: exact round trips, chunking, compactness, damaged payloads. */
class ProfileCodecTest {

    private static Profile randomProfile(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] names = {"main", "Foo.bar", "Üñí.cödé", "0x7f00dead (libc.so.6)", "a;b", ""};
        String[] threads = {"main", "worker-1", "perf/123"};
        List<StackSample> out = new ArrayList<>();
        long t = r.nextLong(-1_000_000, 1_000_000); // samples may predate the record start
        for (int i = 0; i < n; i++) {
            t += r.nextLong(0, 50_000_000);
            String[] frames = new String[r.nextInt(0, 6)];
            for (int d = 0; d < frames.length; d++) {
                frames[d] = names[r.nextInt(names.length)];
            }
            out.add(new StackSample(t, threads[r.nextInt(threads.length)], Arrays.asList(frames)));
        }
        return new Profile("jfr", out);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void roundTripIsExactForAnyChunkSize(long seed) {
        Profile p = randomProfile(seed, 500);
        for (int chunk : new int[] {1, 7, 500, 10_000}) {
            List<SideData> sd = ProfileCodec.encode(p, chunk);
            assertThat(sd).as("seed %d chunk %d", seed, chunk).hasSize((500 + chunk - 1) / chunk);
            assertThat(sd).allSatisfy(c -> assertThat(c.kind()).isEqualTo(ProfileCodec.KIND));
            assertThat(ProfileCodec.decodeAll(sd)).as("seed %d chunk %d", seed, chunk).isEqualTo(p);
        }
    }

    @Test
    void emptyProfileRoundTripsAndOtherKindsAreIgnored() {
        List<SideData> sd = new ArrayList<>(ProfileCodec.encode(Profile.empty("perf")));
        sd.add(new SideData("damos.stats", 5, new byte[] {1, 2, 3}));
        Profile back = ProfileCodec.decodeAll(sd);
        assertThat(back.samples()).isEmpty();
        assertThat(back.source()).isEqualTo("perf");
    }

    @Test
    void repeatedStacksCostAFewBytesPerSample() {
        List<String> deep = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            deep.add("org.example.some.rather.long.package.Name.method" + d);
        }
        List<StackSample> samples = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            samples.add(new StackSample(i * 10_000_000L, "main", deep));
        }
        SideData sd = ProfileCodec.encode(new Profile("jfr", samples), 10_000).getFirst();
        // per sample: delta 10 ms (zig-zag 2e7 needs 4 varint bytes) + thread 1 + stack 1 = 6 bytes;
        // the 20 frames (~50 bytes each) are stored once
        assertThat(sd.payload().length).isLessThan(10_000 * 6 + 20 * 52 + 64);
    }

    @Test
    void damagedPayloadsAreRejectedWithAMessage() {
        SideData good = ProfileCodec.encode(randomProfile(7, 50)).getFirst();
        byte[] cut = Arrays.copyOf(good.payload(), good.payload().length / 2);
        assertThatThrownBy(() -> ProfileCodec.decode(new SideData(ProfileCodec.KIND, 0, cut)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] version = good.payload().clone();
        version[0] = 9;
        assertThatThrownBy(() -> ProfileCodec.decode(new SideData(ProfileCodec.KIND, 0, version)))
                .hasMessageContaining("version 9");
    }

    @Test
    void memoryAreasRoundTripIncludingTopOfAddressSpace() {
        List<LabeledRange> ranges = List.of(
                new LabeledRange(0x687400000L, 0x800000000L, "Java heap"),
                new LabeledRange(0x7f718c000000L, 0x7f7190000000L, "metaspace"),
                new LabeledRange(0xffffffffff600000L, 0xffffffffff601000L, "vsyscall"));
        SideData sd = MemoryAreasCodec.encode(3, 1_500, ranges);
        MemoryAreasCodec.Areas back = MemoryAreasCodec.decode(sd);
        assertThat(back.targetId()).isEqualTo(3);
        assertThat(back.ranges()).isEqualTo(ranges);
        // the newest chunk of the target wins
        SideData newer = MemoryAreasCodec.encode(3, 2_000, ranges.subList(0, 1));
        SideData otherTarget = MemoryAreasCodec.encode(4, 9_000, List.of());
        assertThat(MemoryAreasCodec.latest(List.of(sd, newer, otherTarget), 3)).isEqualTo(ranges.subList(0, 1));
        assertThat(MemoryAreasCodec.latest(List.of(sd), 5)).isEmpty();
    }
}
