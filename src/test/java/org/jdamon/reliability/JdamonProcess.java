package org.jdamon.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** jdamon's command line in a child JVM with the test class path: a real process to kill or starve. */
final class JdamonProcess {
    private JdamonProcess() {}

    static ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "org.jdamon.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    static Process start(String... args) throws IOException {
        return builder(args).start();
    }
}
