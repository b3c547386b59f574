package org.jdamon.ops.kernel;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What jdamon started, remembered in {@code <stateDir>/ownership.properties} (default
 * {@code /run/jdamon}, a tmpfs that empties at reboot, like the kdamonds themselves): per kdamond index
 * the kdamond's pid at start and its target pids, and the DAMON modules jdamon enabled. A kdamond counts
 * as jdamon's only while this record and the live sysfs values agree.
 */
public final class Ownership {
    private static final String FILE = "ownership.properties";
    private final Path stateDir;

    public Ownership(Path stateDir) {
        this.stateDir = stateDir;
    }

    /** A started kdamond: index under {@code kdamonds/}, kdamond pid at start, target pids written. */
    public record KdamondRecord(int index, long kdamondPid, List<Long> targetPids, long startedEpochMs) {
        public KdamondRecord {
            targetPids = List.copyOf(targetPids);
        }
    }

    public Path file() {
        return stateDir.resolve(FILE);
    }

    public Optional<KdamondRecord> kdamond(int index) {
        Properties p = load();
        String pid = p.getProperty("kdamond." + index + ".pid");
        if (pid == null) {
            return Optional.empty();
        }
        String targets = p.getProperty("kdamond." + index + ".targets", "");
        List<Long> pids = targets.isBlank()
                ? List.of()
                : Arrays.stream(targets.split(",")).map(String::strip).map(Long::parseLong).toList();
        long started = Long.parseLong(p.getProperty("kdamond." + index + ".started", "0"));
        return Optional.of(new KdamondRecord(index, Long.parseLong(pid), pids, started));
    }

    public List<KdamondRecord> kdamonds() {
        List<KdamondRecord> out = new ArrayList<>();
        Properties p = load();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("kdamond.") && key.endsWith(".pid")) {
                kdamond(Integer.parseInt(key.split("\\.")[1])).ifPresent(out::add);
            }
        }
        out.sort(java.util.Comparator.comparingInt(KdamondRecord::index));
        return out;
    }

    void putKdamond(KdamondRecord r) {
        Properties p = load();
        p.setProperty("kdamond." + r.index() + ".pid", Long.toString(r.kdamondPid()));
        p.setProperty("kdamond." + r.index() + ".targets",
                String.join(",", r.targetPids().stream().map(String::valueOf).toList()));
        p.setProperty("kdamond." + r.index() + ".started", Long.toString(r.startedEpochMs()));
        store(p);
    }

    void removeKdamond(int index) {
        Properties p = load();
        p.remove("kdamond." + index + ".pid");
        p.remove("kdamond." + index + ".targets");
        p.remove("kdamond." + index + ".started");
        store(p);
    }

    void clearKdamonds() {
        Properties p = load();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("kdamond.")).forEach(p::remove);
        store(p);
    }

    /** Whether jdamon enabled the given DAMON module ({@code damon_reclaim}, {@code damon_lru_sort}). */
    public boolean module(String module) {
        return Boolean.parseBoolean(load().getProperty("module." + module + ".enabled", "false"));
    }

    void putModule(String module, boolean enabledByJdamon) {
        Properties p = load();
        if (enabledByJdamon) {
            p.setProperty("module." + module + ".enabled", "true");
        } else {
            p.remove("module." + module + ".enabled");
        }
        store(p);
    }

    private Properties load() {
        Properties p = new Properties();
        Path f = file();
        if (Files.exists(f)) {
            try (Reader r = Files.newBufferedReader(f)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read jdamon's ownership record " + f, e);
            }
        }
        return p;
    }

    private void store(Properties p) {
        try {
            Files.createDirectories(stateDir);
            Path tmp = Files.createTempFile(stateDir, FILE, ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "kdamonds and DAMON modules started by jdamon; do not edit");
            }
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write jdamon's ownership record under " + stateDir
                    + ": " + e.getMessage(), e);
        }
    }
}
