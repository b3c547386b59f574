import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Instant;

/**
 * A two-phase workload for the profiling tests: after "go" on stdin it sweeps a 64 MiB array in
 * touchLargeArray, then an 8 KiB array in touchSmallArray, each for the given milliseconds, prints the
 * phase boundaries as epoch nanoseconds ("phases T0 T1 T2") and waits for a line on stdin to exit.
 */
public class TwoPhases {
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        long phaseMs = Long.parseLong(args[0]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        in.readLine();
        long t0 = epochNs();
        touchLargeArray(phaseMs);
        long t1 = epochNs();
        touchSmallArray(phaseMs);
        long t2 = epochNs();
        System.out.println("phases " + t0 + " " + t1 + " " + t2);
        System.out.flush();
        in.readLine();
    }

    static long epochNs() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static void touchLargeArray(long ms) {
        long[] big = new long[64 << 17];
        long deadline = System.nanoTime() + ms * 1_000_000L;
        long sum = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < big.length; i += 8) {
                big[i] += i;
                sum += big[i];
            }
        }
        sink = sum;
    }

    static void touchSmallArray(long ms) {
        long[] small = new long[1024];
        long deadline = System.nanoTime() + ms * 1_000_000L;
        long sum = 0;
        while (System.nanoTime() < deadline) {
            for (int pass = 0; pass < 1000; pass++) {
                for (int i = 0; i < small.length; i++) {
                    small[i] += i;
                    sum += small[i];
                }
            }
        }
        sink = sum;
    }
}
