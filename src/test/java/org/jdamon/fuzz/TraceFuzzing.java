package org.jdamon.fuzz;

import java.nio.file.Path;
import org.jdamon.ops.trace.TraceFormatException;
import org.jdamon.ops.trace.TraceInput;
import org.jdamon.ops.trace.TraceReader;

/** A trace read to its end the way {@code record --trace} reads it; failures must name the file. */
final class TraceFuzzing {
    private TraceFuzzing() {}

    static void readToEnd(Path file, byte[] input) {
        long[] addrs = new long[256];
        int[] infos = new int[256];
        try (TraceReader r = TraceInput.open(file.toString())) {
            while (r.read(addrs, infos) > 0) {
                // every record decoded
            }
        } catch (TraceFormatException e) {
            FuzzInputs.assertNamesFile(e, file, input);
        }
    }
}
