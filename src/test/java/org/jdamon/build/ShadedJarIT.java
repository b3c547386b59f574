package org.jdamon.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar the build ships, after {@link OldBytecodeUpgrade}: no class below version 50 is left, and a
 * JDK AOT cache made from it keeps picocli (no "Old class" or "old verifier" skips).
 */
class ShadedJarIT {
    @TempDir
    Path dir;

    static Path shadedJar() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("jdamon-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/jdamon-*-all.jar: run mvn package"));
        }
    }

    @Test
    void noClassIsBelowVersion50() throws IOException {
        List<String> old = new ArrayList<>();
        int picocli = 0;
        try (ZipFile zip = new ZipFile(shadedJar().toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (!entry.getName().endsWith(".class") || entry.getName().startsWith("META-INF/")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    int major = OldBytecodeUpgrade.majorVersion(in.readNBytes(8));
                    if (major < OldBytecodeUpgrade.TARGET_MAJOR) {
                        old.add(entry.getName() + " (" + major + ")");
                    }
                    if (entry.getName().startsWith("picocli/")) {
                        picocli++;
                    }
                }
            }
        }
        assertThat(picocli).as("picocli classes in the jar").isGreaterThan(100);
        assertThat(old).isEmpty();
    }

    @Test
    void anAotCacheMadeFromTheJarKeepsPicocli() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("aot.log");
        Process p = new ProcessBuilder(java.toString(), "-XX:AOTCacheOutput=" + dir.resolve("t.aot"),
                "-Xlog:aot=warning:file=" + log, "--enable-native-access=ALL-UNNAMED", "-jar",
                shadedJar().toString(), "--version")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
        List<String> skips = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("Skipping picocli/") || l.contains("Skipping org/jdamon/"))
                .filter(l -> l.contains("Old class") || l.contains("old verifier"))
                .toList();
        assertThat(Files.readString(dir.resolve("out.txt"))).contains("jdamon ");
        assertThat(skips).isEmpty();
    }
}
