package org.jdamon.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jdamon.ops.sim.MasimConfig;
import org.jdamon.ops.sim.MasimConfig.Pattern;
import org.jdamon.ops.sim.MasimConfig.Phase;
import org.jdamon.ops.sim.MasimConfig.Region;

/**
 * The native side of {@code jdamon workload run}: a small C program (jdamon's own, shipped as the
 * resource {@code masim-helper.c}) compiled with the machine's C compiler on first use and cached by its
 * source hash, which runs the plan with {@link WorkloadRunner}'s access loops. Its address space is its
 * buffers plus libc and a stack, as masim's is; a JVM's reserved heap, code cache, metaspace and mapped
 * runtime image (hundreds of MiB) would otherwise bury small buffers from DAMON's vaddr regions.
 */
public final class NativeWorkload {
    static final String SOURCE = "masim-helper.c";

    private NativeWorkload() {}

    /** Whether the helper can run this plan: it takes no data files (other than /dev/zero). */
    public static boolean supports(MasimConfig plan) {
        for (Region r : plan.regions()) {
            if (r.dataFile() != null && !r.dataFile().equals("/dev/zero")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The compiled helper: cached under {@code $JDAMON_CACHE}, {@code $XDG_CACHE_HOME/jdamon} or
     * {@code ~/.cache/jdamon}, compiled with {@code $CC}, {@code cc} or {@code gcc} when missing; empty
     * (with the reason in {@code why}) when no compiler works.
     */
    public static Optional<Path> helper(StringBuilder why) {
        byte[] source;
        try (InputStream in = NativeWorkload.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                why.append("helper source missing from the jar");
                return Optional.empty();
            }
            source = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path dir = cacheDir();
        Path binary = dir.resolve("masim-helper-" + hash(source));
        if (Files.isExecutable(binary)) {
            return Optional.of(binary);
        }
        try {
            Files.createDirectories(dir);
            Path src = Files.createTempFile(dir, "masim-helper", ".c");
            Path tmp = Files.createTempFile(dir, "masim-helper", ".bin");
            try {
                Files.write(src, source);
                for (String cc : compilers()) {
                    Process p = new ProcessBuilder(cc, "-O2", "-o", tmp.toString(), src.toString())
                            .redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
                        move(tmp, binary);
                        return Optional.of(binary);
                    }
                    why.append(cc).append(": ").append(out.strip()).append("; ");
                }
            } finally {
                Files.deleteIfExists(src);
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            why.append("no C compiler could build the helper (").append(e.getMessage()).append(")");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why.append("interrupted");
            return Optional.empty();
        }
        if (why.isEmpty()) {
            why.append("no C compiler (cc, gcc or $CC) found");
        }
        return Optional.empty();
    }

    private static List<String> compilers() {
        String cc = System.getenv("CC");
        return cc != null && !cc.isBlank() ? List.of(cc, "cc", "gcc") : List.of("cc", "gcc");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path cacheDir() {
        String own = System.getenv("JDAMON_CACHE");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "jdamon")
                : Path.of(System.getProperty("user.home"), ".cache", "jdamon");
    }

    private static String hash(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plan the helper reads on stdin. */
    static String plan(MasimConfig cfg, long accessesPerSelection, long seed, int repeat, boolean verbose,
            boolean quiet) {
        StringBuilder sb = new StringBuilder();
        sb.append("seed ").append(Long.toUnsignedString(seed)).append('\n');
        sb.append("accesses ").append(accessesPerSelection).append('\n');
        sb.append("repeat ").append(repeat).append('\n');
        sb.append("verbose ").append(verbose ? 1 : 0).append('\n');
        sb.append("quiet ").append(quiet ? 1 : 0).append('\n');
        for (Region r : cfg.regions()) {
            sb.append("region ").append(r.size()).append(' ').append(oneLine(r.name())).append('\n');
        }
        for (Phase ph : cfg.phases()) {
            sb.append("phase ").append(ph.durationMs()).append(' ').append(oneLine(ph.name())).append('\n');
            for (Pattern p : ph.patterns()) {
                sb.append("pattern ").append(p.region()).append(' ').append(p.random() ? 1 : 0).append(' ')
                        .append(p.stride()).append(' ').append(p.weight()).append(' ')
                        .append(p.mode().ordinal()).append('\n');
            }
        }
        return sb.append("end\n").toString();
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * Runs the plan in the helper, copying its stdout to {@code out} and its stderr to {@code err};
     * {@code started} gets the helper's pid once its buffers are mapped. Returns its exit status.
     */
    public static int run(Path helper, MasimConfig cfg, long accessesPerSelection, long seed, int repeat,
            boolean verbose, boolean quiet, PrintWriter out, PrintWriter err, java.util.function.LongConsumer started)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(helper.toString()).start();
        Thread stop = new Thread(p::destroy);
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            Thread o = pump(p.getInputStream(), out);
            Thread e = pump(p.getErrorStream(), err);
            try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                w.write(plan(cfg, accessesPerSelection, seed, repeat, verbose, quiet));
            }
            started.accept(p.pid());
            int status = p.waitFor();
            o.join();
            e.join();
            return status;
        } finally {
            p.destroy();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    private static Thread pump(InputStream in, PrintWriter to) {
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (to) {
                        to.println(line);
                        to.flush();
                    }
                }
            } catch (IOException ignored) {
                // the helper went away
            }
        });
        return t;
    }
}
