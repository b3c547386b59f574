package org.jdamon.ops.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdamon.core.Units;
import org.jdamon.io.InputFileException;
import org.jdamon.io.InputFiles;

/**
 * A workload in masim's configuration format: blank-line-separated paragraphs, the first listing the
 * memory regions ({@code name, size[, data file]}), each following one a phase (name line, duration in
 * milliseconds, then pattern lines {@code region, random, stride, probability[, ro|wo|rw]}). Lines whose
 * first character is {@code #} are dropped before paragraphs are split, as masim does. Beyond masim,
 * sizes and strides accept damo's suffixes ({@code 4K}, {@code 100M}) and durations a unit
 * ({@code 5s}); a bare duration is in milliseconds.
 */
public record MasimConfig(String source, List<Region> regions, List<Phase> phases) {

    /** A masim memory region; {@code dataFile} is null for {@code none} or when absent. */
    public record Region(String name, long size, String dataFile) {}

    /** masim's {@code rw_mode}; masim's default for a pattern line without one is write-only. */
    public enum AccessMode {
        READ_ONLY("ro"), WRITE_ONLY("wo"), READ_WRITE("rw");

        private final String keyword;

        AccessMode(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /**
     * One access pattern line. {@code region} indexes {@link #regions()}; the stride is ignored for
     * random patterns; {@code weight} is relative to the phase's other lines.
     */
    public record Pattern(int region, boolean random, long stride, long weight, AccessMode mode) {}

    public record Phase(String name, long durationMs, List<Pattern> patterns) {
        public long totalWeight() {
            long sum = 0;
            for (Pattern p : patterns) {
                sum += p.weight();
            }
            return sum;
        }
    }

    public MasimConfig {
        regions = List.copyOf(regions);
        phases = List.copyOf(phases);
    }

    public long totalDurationMs() {
        long sum = 0;
        for (Phase p : phases) {
            sum += p.durationMs();
        }
        return sum;
    }

    public long totalBytes() {
        long sum = 0;
        for (Region r : regions) {
            sum += r.size();
        }
        return sum;
    }

    /** Longest line accepted (a data file name is at most PATH_MAX, 4096). */
    public static final int MAX_LINE_CHARS = 8192;
    /** Total memory of the regions: what a 64-bit simulated address space holds with room to spare. */
    public static final long MAX_TOTAL_BYTES = 1L << 56;
    /** Sum of a phase's probabilities: masim keeps them in a C int. */
    public static final long MAX_PHASE_WEIGHT = Integer.MAX_VALUE;
    /** Total duration, so that it fits in nanoseconds (about 292 years). */
    public static final long MAX_TOTAL_DURATION_MS = Long.MAX_VALUE / 1_000_000;

    public static MasimConfig parse(Path file) throws IOException {
        String text;
        try {
            text = InputFiles.readUtf8(file, InputFiles.MAX_CONFIG_BYTES, "a masim configuration");
        } catch (InputFileException e) {
            throw new MasimConfigException(e.file(), e.line(), e.problem());
        }
        return parse(text, file.toString());
    }

    /** Parses {@code text}; errors are {@link MasimConfigException}s naming {@code sourceName:line}. */
    public static MasimConfig parse(String text, String sourceName) {
        return new Parser(text, sourceName).parse();
    }

    /** Renders this configuration in masim's format (sizes and durations as plain numbers). */
    public String format() {
        StringBuilder sb = new StringBuilder("# regions: name, size, data file\n");
        for (Region r : regions) {
            sb.append(r.name()).append(", ").append(r.size()).append(", ")
                    .append(r.dataFile() == null ? "none" : r.dataFile()).append('\n');
        }
        for (Phase p : phases) {
            sb.append('\n').append(p.name()).append('\n').append(p.durationMs()).append('\n');
            for (Pattern pt : p.patterns()) {
                sb.append(regions.get(pt.region()).name()).append(", ").append(pt.random() ? 1 : 0)
                        .append(", ").append(pt.stride()).append(", ").append(pt.weight()).append(", ")
                        .append(pt.mode().keyword()).append('\n');
            }
        }
        return sb.toString();
    }

    private static final class Parser {
        private final String text;
        private final String source;

        Parser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        private MasimConfigException error(int line, String problem) {
            return new MasimConfigException(source, line, problem);
        }

        MasimConfig parse() {
            List<List<Integer>> paragraphs = new ArrayList<>();
            String[] lines = text.split("\r?\n", -1);
            List<Integer> current = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                if (l.length() > MAX_LINE_CHARS) {
                    throw error(i + 1, "line longer than " + MAX_LINE_CHARS + " characters");
                }
                if (l.startsWith("#")) {
                    continue;
                }
                if (l.isBlank()) {
                    if (!current.isEmpty()) {
                        paragraphs.add(current);
                        current = new ArrayList<>();
                    }
                    continue;
                }
                current.add(i);
            }
            if (!current.isEmpty()) {
                paragraphs.add(current);
            }
            if (paragraphs.isEmpty()) {
                throw error(0, "no regions paragraph (the file has no configuration lines)");
            }
            List<Region> regions = new ArrayList<>();
            Map<String, Integer> byName = new HashMap<>();
            long totalBytes = 0;
            for (int idx : paragraphs.getFirst()) {
                Region r = parseRegion(lines[idx], idx + 1);
                totalBytes += r.size();
                if (r.size() > MAX_TOTAL_BYTES || totalBytes > MAX_TOTAL_BYTES) {
                    throw error(idx + 1, "regions add up to more than " + Units.formatSize(MAX_TOTAL_BYTES)
                            + ", the most a simulated address space holds");
                }
                if (byName.putIfAbsent(r.name(), regions.size()) != null) {
                    throw error(idx + 1, "duplicate region name '" + r.name() + "'");
                }
                regions.add(r);
            }
            if (paragraphs.size() < 2) {
                int last = paragraphs.getFirst().getLast() + 1;
                throw error(last, "no phase paragraph after the regions (a blank line must separate them)");
            }
            List<Phase> phases = new ArrayList<>();
            long totalMs = 0;
            for (List<Integer> para : paragraphs.subList(1, paragraphs.size())) {
                Phase phase = parsePhase(lines, para, byName);
                totalMs += phase.durationMs();
                if (phase.durationMs() > MAX_TOTAL_DURATION_MS || totalMs > MAX_TOTAL_DURATION_MS) {
                    throw error(para.get(1) + 1, "phases last more than " + MAX_TOTAL_DURATION_MS
                            + " ms in total (about 292 years, the most time in nanoseconds holds)");
                }
                phases.add(phase);
            }
            return new MasimConfig(source, regions, phases);
        }

        private Region parseRegion(String line, int lineNo) {
            String[] f = fields(line);
            if (f.length != 2 && f.length != 3) {
                throw error(lineNo, "region line needs 'name, size[, data file]', got " + f.length
                        + " field(s): '" + line.strip() + "'");
            }
            if (f[0].isEmpty()) {
                throw error(lineNo, "empty region name");
            }
            long size = size(f[1], lineNo, "region size");
            if (size <= 0) {
                throw error(lineNo, "region '" + f[0] + "' has size 0");
            }
            String data = f.length == 3 && !f[2].isEmpty() && !f[2].equals("none") ? dataFile(f[2], lineNo) : null;
            return new Region(f[0], size, data);
        }

        /** masim reads a region's initial data from this file at start: it must be there and readable. */
        private String dataFile(String name, int lineNo) {
            String shown = name.length() > 200 ? name.substring(0, 200) + "..." : name;
            Path p;
            try {
                p = Path.of(name);
            } catch (InvalidPathException e) {
                throw error(lineNo, "data file '" + shown + "' is not a valid file name (give a path, or none)");
            }
            if (!Files.exists(p)) {
                throw error(lineNo, "data file '" + shown + "' does not exist (give an existing file, or none)");
            }
            if (Files.isDirectory(p)) {
                throw error(lineNo, "data file '" + shown + "' is a directory (give a file, or none)");
            }
            if (!Files.isReadable(p)) {
                throw error(lineNo, "data file '" + shown + "' is not readable");
            }
            return name;
        }

        private Phase parsePhase(String[] lines, List<Integer> para, Map<String, Integer> byName) {
            int nameLine = para.getFirst();
            String name = lines[nameLine].strip();
            if (para.size() < 2) {
                throw error(nameLine + 1, "phase '" + name + "' has no duration line");
            }
            int durLine = para.get(1);
            long durationMs = duration(lines[durLine].strip(), durLine + 1);
            if (para.size() < 3) {
                throw error(durLine + 1, "phase '" + name + "' has no access pattern lines");
            }
            List<Pattern> patterns = new ArrayList<>();
            long totalWeight = 0;
            for (int idx : para.subList(2, para.size())) {
                Pattern p = parsePattern(lines[idx], idx + 1, byName);
                totalWeight += p.weight();
                if (p.weight() > MAX_PHASE_WEIGHT || totalWeight > MAX_PHASE_WEIGHT) {
                    throw error(idx + 1, "phase '" + name + "': probabilities add up to more than "
                            + MAX_PHASE_WEIGHT + " (masim keeps them in an int)");
                }
                patterns.add(p);
            }
            if (totalWeight == 0) {
                throw error(para.get(2) + 1, "phase '" + name + "': every pattern has probability 0");
            }
            return new Phase(name, durationMs, patterns);
        }

        private Pattern parsePattern(String line, int lineNo, Map<String, Integer> byName) {
            String[] f = fields(line);
            if (f.length != 4 && f.length != 5) {
                throw error(lineNo, "pattern line needs 'region, random, stride, probability[, ro|wo|rw]', got "
                        + f.length + " field(s): '" + line.strip() + "'");
            }
            Integer region = byName.get(f[0]);
            if (region == null) {
                throw error(lineNo, "unknown region '" + f[0] + "' (regions: " + String.join(", ", byName.keySet()
                        .stream().sorted().toList()) + ")");
            }
            boolean random = switch (f[1]) {
                case "0" -> false;
                case "1" -> true;
                default -> throw error(lineNo, "randomness must be 0 or 1, got '" + f[1] + "'");
            };
            long stride = size(f[2], lineNo, "stride");
            if (!random && stride <= 0) {
                throw error(lineNo, "sequential pattern needs a positive stride, got '" + f[2] + "'");
            }
            long weight;
            try {
                weight = Long.parseLong(f[3]);
            } catch (NumberFormatException e) {
                throw error(lineNo, "bad probability '" + f[3] + "' (expected a non-negative integer weight)");
            }
            if (weight < 0) {
                throw error(lineNo, "negative probability " + weight);
            }
            AccessMode mode = AccessMode.WRITE_ONLY;
            if (f.length == 5) {
                mode = switch (f[4].toLowerCase(Locale.ROOT)) {
                    case "ro" -> AccessMode.READ_ONLY;
                    case "wo" -> AccessMode.WRITE_ONLY;
                    case "rw" -> AccessMode.READ_WRITE;
                    default -> throw error(lineNo, "bad read/write mode '" + f[4] + "' (expected ro, wo or rw)");
                };
            }
            return new Pattern(region, random, stride, weight, mode);
        }

        private long size(String s, int lineNo, String what) {
            try {
                long v = Units.parseSize(s);
                if (v == Long.MAX_VALUE && s.equalsIgnoreCase("max")) {
                    throw new IllegalArgumentException();
                }
                return v;
            } catch (IllegalArgumentException e) {
                throw error(lineNo, "bad " + what + " '" + s + "' (expected bytes, e.g. 4096, 4K, 100M, 1G)");
            }
        }

        private long duration(String s, int lineNo) {
            long us;
            try {
                us = Units.parseDurationUs(s, 1_000);
            } catch (IllegalArgumentException e) {
                throw error(lineNo, "bad phase duration '" + s + "' (expected milliseconds, e.g. 5000 or 5s)");
            }
            if (us < 1_000 || us % 1_000 != 0 || s.equalsIgnoreCase("max") || s.equalsIgnoreCase("min")) {
                throw error(lineNo, "bad phase duration '" + s + "' (expected a whole, positive number of ms)");
            }
            return us / 1_000;
        }

        private static String[] fields(String line) {
            String[] f = line.split(",", -1);
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].strip();
            }
            return f;
        }
    }
}
