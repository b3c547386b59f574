package org.jdamon.ops.linux.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code /proc/PID/status} numbers: resident set size ({@code VmRSS}) and its anonymous/file parts. */
public final class ProcStatus {
    private ProcStatus() {}

    public static Map<String, Long> read(long pid) throws IOException {
        Path p = Path.of("/proc", Long.toString(pid), "status");
        return KeyValues.parse(Files.readString(p), p.toString());
    }

    /** Resident set size in bytes. */
    public static long rssBytes(long pid) throws IOException {
        return KeyValues.require(read(pid), "VmRSS", "/proc/" + pid + "/status");
    }
}
