package org.jdamon.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdamon.ops.trace.TraceReader;
import org.jdamon.record.LabeledRange;
import org.junit.jupiter.api.Test;

/** The text formats the collectors read: perf script, jcmd System.map and VM.info, nm; trace sampling. */
class ProfileParsersTest {

    @Test
    void perfScriptSamplesWithRealtimeStampsBecomeRecordRelative() {
        String script = """
                my prog 16108 1795686847.061188123:\s
                \t           14645 handle_amd (/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2)
                \t               0 [unknown] ([unknown])

                my prog 16109 1795686847.5:\s
                \tffffffff8163628d __kmalloc_cache_noprof ([kernel.kallsyms])
                \t            1234 [unknown] (/usr/lib/libfoo.so)
                \t            1a2b touch_large (/tmp/two_phases)

                """;
        Profile p = PerfCollector.parseScript(script, 1_795_686_847_000_000_000L);
        assertThat(p.samples()).containsExactly(
                new StackSample(61_188_123, "my prog/16108", List.of("handle_amd", "0x0")),
                new StackSample(500_000_000, "my prog/16109",
                        List.of("__kmalloc_cache_noprof", "0x1234 (libfoo.so)", "touch_large")));
    }

    @Test
    void systemMapLabelsJvmAreasAndJoinsTouchingMappings() {
        String map = """
                17002:
                from               to                        vsize prot          rss      hugetlb pgsz notes            info                                  file
                ====================================================================================
                0x0000000031000000-0x0000000031001000         4096 ---p         4096            0 4K   com              CDS                                   -
                0x0000000031001000-0x0000000031d95000     14237696 rw-p     14098432            0 4K   com              CDS                                   /usr/lib/jvm/classes.jsa
                0x0000000687400000-0x000000069f000000    398458880 rw-p     20013056            0 4K   com              JAVAHEAP                              -
                0x000000069f000000-0x00000007ffc00000   5918162944 ---p            0            0 4K   -                JAVAHEAP                              -
                0x00005581f34ce000-0x00005581f3517000       299008 rw-p        98304            0 4K   com              -                                     [heap]
                0x00007f718c000000-0x00007f718c1b0000      1769472 rw-p      1740800            0 4K   com              META                                  -
                0x00007f71ac4d6000-0x00007f71ac4da000        16384 ---p            0            0 4K   com              STACK-17086-Attach-Listener           -
                0x00007f71ac4da000-0x00007f71ac5d6000      1032192 rw-p        90112            0 4K   com,nothp        STACK-17086-Attach-Listener           -
                """;
        assertThat(JvmMemoryAreas.parseSystemMap(map)).containsExactly(
                new LabeledRange(0x31000000L, 0x31d95000L, "CDS archive"),
                new LabeledRange(0x687400000L, 0x7ffc00000L, "Java heap"),
                new LabeledRange(0x7f718c000000L, 0x7f718c1b0000L, "metaspace"),
                new LabeledRange(0x7f71ac4d6000L, 0x7f71ac5d6000L, "thread stack: Attach-Listener"));
        assertThat(JvmMemoryAreas.parseSystemMap("12:\nMemory mappings:\nNMT is disabled. VM info not available.\n"))
                .isEmpty();
    }

    @Test
    void vmInfoGivesHeapClassSpaceCdsAndCodeHeaps() {
        String info = """
                Heap address: 0x0000000687400000, size: 6028 MB, Compressed Oops mode: Zero based, Oop shift amount: 3
                CDS archive(s) mapped at: [0x000000009f000000-0x000000009fd95000-0x000000009fd95000), size 14241792, SharedBaseAddress: 0x000000009f000000, ArchiveRelocationMode: 1.
                Compressed class space mapped at: 0x00000000a0000000-0x00000000e0000000, reserved size: 1073741824
                 garbage-first heap   total reserved 6172672K, committed 393216K, used 11524K [0x0000000687400000, 0x0000000800000000)
                CodeHeap 'non-profiled nmethods': size=120036Kb used=369Kb max_used=369Kb free=119666Kb
                 bounds [0x00007fa99bec7000, 0x00007fa99c137000, 0x00007fa9a3400000]
                CodeHeap 'profiled nmethods': size=120036Kb used=1833Kb max_used=1833Kb free=118203Kb
                 bounds [0x00007fa9943ff000, 0x00007fa99466f000, 0x00007fa99b938000]
                CodeHeap 'non-nmethods': size=5692Kb used=1494Kb max_used=1513Kb free=4197Kb
                 bounds [0x00007fa99b938000, 0x00007fa99bba8000, 0x00007fa99bec7000]
                """;
        // 6028 MB = 0x178c00000 bytes above 0x687400000; the three code heaps touch: one range
        assertThat(JvmMemoryAreas.parseVmInfo(info)).containsExactly(
                new LabeledRange(0x9f000000L, 0x9fd95000L, "CDS archive"),
                new LabeledRange(0xa0000000L, 0xe0000000L, "class space"),
                new LabeledRange(0x687400000L, 0x800000000L, "Java heap"),
                new LabeledRange(0x7fa9943ff000L, 0x7fa9a3400000L, "code cache"));
    }

    @Test
    void symbolizerFindsTheFunctionAtOrBelowTheAddress() {
        String nm = """
                0000000000001000 T _start
                0000000000001100 t helper
                0000000000001200 T main
                0000000000004000 D data
                                 U printf
                """;
        Symbolizer sym = Symbolizer.fromNm(nm, 0);
        assertThat(sym.name(0x1000)).isEqualTo("_start");
        assertThat(sym.name(0x11ff)).isEqualTo("helper");
        assertThat(sym.name(0x1234)).isEqualTo("main");
        assertThat(sym.name(0xfff)).isEqualTo("0xfff");
        Symbolizer pie = Symbolizer.fromNm(nm, 0x555500000000L);
        assertThat(pie.name(0x555500001250L)).isEqualTo("main");
        assertThat(pie.name(0x1250)).isEqualTo("0x1250");
        assertThat(Symbolizer.hexOnly().name(0xabc)).isEqualTo("0xabc");
    }

    @Test
    void traceProfilerKeepsEveryNthInstruction() {
        Symbolizer sym = Symbolizer.fromNm("0000000000001000 T f\n0000000000002000 T g\n", 0);
        TraceProfiler tp = new TraceProfiler(3, sym);
        for (int i = 0; i < 10; i++) {
            tp.instruction(i * 100L, i < 5 ? 0x1000 + i : 0x2000 + i);
        }
        // instructions 0, 3, 6 and 9 are kept
        assertThat(tp.profile().samples()).containsExactly(
                new StackSample(0, "trace", List.of("f")), new StackSample(300, "trace", List.of("f")),
                new StackSample(600, "trace", List.of("g")), new StackSample(900, "trace", List.of("g")));
        assertThat(ProfileCodec.decodeAll(tp.sideData())).isEqualTo(tp.profile());
    }

    @Test
    void profilingTraceReaderTimesInstructionsByTheReplayRate() {
        // I@0x1000, L, I@0x2000, S, I@0x1004 at 2 instructions per us: instruction k is at k * 500 ns
        long[] addrs = {0x1000, 0x9000, 0x2000, 0x9008, 0x1004};
        int[] infos = {TraceReader.info(TraceReader.KIND_INSTR, 4), TraceReader.info(TraceReader.KIND_LOAD, 8),
                TraceReader.info(TraceReader.KIND_INSTR, 4), TraceReader.info(TraceReader.KIND_STORE, 8),
                TraceReader.info(TraceReader.KIND_INSTR, 4)};
        TraceReader fake = new TraceReader() {
            private int served;

            @Override
            public int read(long[] a, int[] in) {
                int n = Math.min(2, addrs.length - served); // two records per batch, to cross batches
                System.arraycopy(addrs, served, a, 0, n);
                System.arraycopy(infos, served, in, 0, n);
                served += n;
                return n;
            }

            @Override
            public String name() {
                return "fake";
            }

            @Override
            public void close() {}
        };
        TraceProfiler tp = new TraceProfiler(1, Symbolizer.fromNm("0000000000001000 T f\n0000000000002000 T g\n", 0));
        ProfilingTraceReader r = new ProfilingTraceReader(fake, tp, 2.0);
        long[] a = new long[4];
        int[] in = new int[4];
        int total = 0;
        for (int n; (n = r.read(a, in)) > 0; ) {
            total += n;
        }
        assertThat(total).isEqualTo(5);
        assertThat(tp.profile().samples()).containsExactly(new StackSample(0, "trace", List.of("f")),
                new StackSample(500, "trace", List.of("g")), new StackSample(1000, "trace", List.of("f")));
    }

    @Test
    void elfTypeDecidesTheValgrindBias(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] header = new byte[64];
        header[0] = 0x7f;
        header[1] = 'E';
        header[2] = 'L';
        header[3] = 'F';
        header[16] = 3; // ET_DYN: position independent
        java.nio.file.Path pie = java.nio.file.Files.write(dir.resolve("pie"), header);
        header[16] = 2; // ET_EXEC: fixed address
        java.nio.file.Path fixed = java.nio.file.Files.write(dir.resolve("fixed"), header);
        assertThat(Symbolizer.isPositionIndependent(pie)).isTrue();
        assertThat(Symbolizer.isPositionIndependent(fixed)).isFalse();
        assertThat(Symbolizer.isPositionIndependent(dir.resolve("missing"))).isFalse();
    }

    @Test
    void nativeLandmarksAreProgramHeapAndStack() {
        String maps = """
                55d0c0a00000-55d0c0a01000 r--p 00000000 08:01 1234 /usr/bin/prog
                55d0c0a01000-55d0c0a02000 r-xp 00001000 08:01 1234 /usr/bin/prog
                55d0c0a02000-55d0c0a03000 rw-p 00002000 08:01 1234 /usr/bin/prog
                55d0c1000000-55d0c1021000 rw-p 00000000 00:00 0 [heap]
                7f0000000000-7f0000200000 rw-p 00000000 00:00 0
                7f0000200000-7f0000228000 r--p 00000000 08:01 99 /usr/lib/libc.so.6
                7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0 [stack]
                """;
        List<org.jdamon.ops.linux.procfs.Mapping> m = org.jdamon.ops.linux.procfs.ProcMaps.parse(maps, "maps");
        // the three touching program mappings join into one range
        assertThat(ProcessMemoryAreas.fromMaps(m, "/usr/bin/prog")).containsExactly(
                new LabeledRange(0x55d0c0a00000L, 0x55d0c0a03000L, "program"),
                new LabeledRange(0x55d0c1000000L, 0x55d0c1021000L, "heap"),
                new LabeledRange(0x7ffd00000000L, 0x7ffd00021000L, "stack"));
        assertThat(ProcessMemoryAreas.fromMaps(m, null)).extracting(LabeledRange::label).containsExactly("heap", "stack");
    }
}
