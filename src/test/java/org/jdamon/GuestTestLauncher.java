package org.jdamon;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs the {@code *IT} integration tests inside the guest-run VM in one JVM (Maven itself takes minutes
 * to start under emulation). Prints one line per test; a skipped or aborted test counts as a failure,
 * because inside the VM every kernel test must actually run. Usage: {@code GuestTestLauncher [CLASS_REGEX]}.
 */
public final class GuestTestLauncher {
    private GuestTestLauncher() {}

    public static void main(String[] args) {
        String pattern = args.length > 0 ? args[0] : ".*IT";
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("org.jdamon"))
                .filters(includeClassNamePatterns(pattern))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        List<String> notRun = new ArrayList<>();
        Map<String, Long> started = new ConcurrentHashMap<>();
        TestExecutionListener progress = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                started.put(id.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                notRun.add(id.getDisplayName() + " skipped: " + reason);
                System.out.println("SKIPPED " + id.getDisplayName() + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        System.out.println(result.getStatus() + " " + id.getDisplayName() + ": "
                                + result.getThrowable().map(Throwable::toString).orElse(""));
                    }
                    return;
                }
                double s = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1e9;
                String where = id.getParentIdObject().map(Object::toString).orElse("");
                String cls = where.replaceAll(".*\\[class:([^\\]]+)\\].*", "$1");
                cls = cls.substring(cls.lastIndexOf('.') + 1);
                System.out.printf(Locale.ROOT, "%-10s %s.%s (%.1f s)%n", result.getStatus(), cls,
                        id.getDisplayName(), s);
                if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                    notRun.add(id.getDisplayName() + " aborted");
                }
                result.getThrowable().filter(t -> result.getStatus() != TestExecutionResult.Status.SUCCESSFUL)
                        .ifPresent(t -> t.printStackTrace(System.out));
            }
        };
        launcher.execute(request, summary, progress);
        var s = summary.getSummary();
        s.printTo(new PrintWriter(System.out));
        boolean ok = s.getTotalFailureCount() == 0 && notRun.isEmpty() && s.getTestsFoundCount() > 0;
        System.out.println(ok ? "GUEST TESTS PASSED" : "GUEST TESTS FAILED (failures, skips or no tests)");
        System.exit(ok ? 0 : 1);
    }
}
