package org.jdamon.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jdamon.ops.kernel.DamonModules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jdamon module}: DAMON_RECLAIM and DAMON_LRU_SORT through their module parameters. A module
 * that is enabled but that jdamon did not enable is only shown, never changed.
 */
@Command(name = "module", mixinStandardHelpOptions = true,
        description = "Show or drive the kernel's DAMON_RECLAIM / DAMON_LRU_SORT modules through their parameters.")
public final class ModuleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODULE", description = "damon_reclaim (or reclaim), damon_lru_sort (or lru_sort).")
    String module;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ACTION", defaultValue = "show",
            description = "show (default), enable, tune or disable.")
    String action;

    @Parameters(index = "2..*", paramLabel = "PARAM=VALUE", description = "Parameters to set (kernel units).")
    List<String> params = new ArrayList<>();

    @Mixin
    KernelOptions kernel;

    @Override
    public Integer call() {
        String name = module.startsWith("damon_") ? module : "damon_" + module;
        if (!DamonModules.MODULES.contains(name)) {
            throw new UserException("unknown module '" + module + "' (expected reclaim or lru_sort)", true);
        }
        DamonModules modules = new DamonModules(kernel.damon());
        Map<String, String> values = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new UserException("expected PARAM=VALUE, got '" + p + "'", true);
            }
            values.put(p.substring(0, eq), p.substring(eq + 1));
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (action) {
            case "show" -> {
                if (!modules.present(name)) {
                    throw new UserException("this kernel has no " + name + " module");
                }
                modules.parameters(name).forEach((k, v) -> out.printf("%s=%s%n", k, v));
            }
            case "enable" -> {
                modules.enable(name, values);
                out.println(name + " enabled");
            }
            case "tune" -> {
                modules.tune(name, values);
                out.println(name + ": parameters written" + (modules.enabled(name) ? " and committed" : ""));
            }
            case "disable" -> {
                modules.disable(name);
                out.println(name + " disabled");
            }
            default -> throw new UserException("unknown action '" + action + "' (expected show, enable, tune or disable)", true);
        }
        out.flush();
        return 0;
    }
}
