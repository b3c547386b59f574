package org.jdamon.cli;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.config.DamosArgs;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * damo's {@code --damos_*} options as a picocli mixin, for every command that takes schemes. Each
 * {@code --damos_action} starts a scheme; the n-th occurrence of another option belongs to the n-th
 * scheme. The words are handed unparsed to {@link DamosArgs}, which owns the grammar and units.
 */
public final class DamosOptions {
    @Option(names = "--damos_action", parameterConsumer = WordsPerOccurrence.class, arity = "1..*", paramLabel = "<word>",
            description = "Start a scheme with this action: willneed, cold, pageout, hugepage, nohugepage, collapse, "
                    + "lru_prio, lru_deprio, migrate_hot, migrate_cold, stat. migrate_* take <nid> or <nid> <weight>... pairs.")
    List<List<String>> actions = new ArrayList<>();

    @Option(names = "--damos_access_rate", parameterConsumer = WordsPerOccurrence.class, arity = "2", paramLabel = "<bound>",
            description = "Access rate range in percent of the maximum nr_accesses (e.g. 0 0, 5%% max).")
    List<List<String>> accessRates = new ArrayList<>();

    @Option(names = "--damos_sz_region", parameterConsumer = WordsPerOccurrence.class, arity = "2", paramLabel = "<bound>",
            description = "Region size range (e.g. 4K max).")
    List<List<String>> szRegions = new ArrayList<>();

    @Option(names = "--damos_age", parameterConsumer = WordsPerOccurrence.class, arity = "2", paramLabel = "<bound>",
            description = "Age range; bare numbers are microseconds (e.g. 2s max).")
    List<List<String>> ages = new ArrayList<>();

    @Option(names = "--damos_apply_interval", paramLabel = "<interval>",
            description = "Apply interval; bare numbers are microseconds; 0 means every aggregation interval.")
    List<String> applyIntervals = new ArrayList<>();

    @Option(names = "--damos_quotas", parameterConsumer = WordsPerOccurrence.class, arity = "1..6", paramLabel = "<value>",
            description = "<time ms> [<size> [<reset interval ms> [<w_sz> [<w_acc> [<w_age>]]]]] (weights in permil).")
    List<List<String>> quotas = new ArrayList<>();

    @Option(names = "--damos_quota_interval", paramLabel = "<time>",
            description = "Quota reset interval; bare numbers are milliseconds. With --damos_quota_time and "
                    + "--damos_quota_space instead of --damos_quotas.")
    List<String> quotaIntervals = new ArrayList<>();

    @Option(names = "--damos_quota_time", paramLabel = "<time>",
            description = "Time quota per reset interval; bare numbers are milliseconds.")
    List<String> quotaTimes = new ArrayList<>();

    @Option(names = "--damos_quota_space", paramLabel = "<size>", description = "Size quota per reset interval.")
    List<String> quotaSpaces = new ArrayList<>();

    @Option(names = "--damos_quota_weights", parameterConsumer = WordsPerOccurrence.class, arity = "3", paramLabel = "<permil>",
            description = "Prioritisation weights <size> <access rate> <age> (permil).")
    List<List<String>> quotaWeights = new ArrayList<>();

    @Option(names = "--damos_quota_goal", parameterConsumer = WordsPerOccurrence.class, arity = "2..4", paramLabel = "<value>",
            description = "<metric> <target> [<current value> | <nid> [<memcg path>]]. Metrics: user_input, "
                    + "some_mem_psi_us, node_mem_used_bp, node_mem_free_bp, node_memcg_used_bp, node_memcg_free_bp, "
                    + "active_mem_bp, inactive_mem_bp.")
    List<List<String>> quotaGoals = new ArrayList<>();

    @Option(names = "--damos_nr_quota_goals", arity = "1..*", paramLabel = "<n>",
            description = "How many --damos_quota_goal go to each scheme, in order.")
    List<Integer> nrQuotaGoals = new ArrayList<>();

    @Option(names = "--damos_quota_goal_tuner", paramLabel = "<consist|temporal>",
            description = "Goal tuner per scheme (default consist).")
    List<String> quotaGoalTuners = new ArrayList<>();

    @Option(names = "--damos_quota_fail_charge_ratio", parameterConsumer = WordsPerOccurrence.class, arity = "2",
            paramLabel = "<n>", description = "<numerator> <denominator>: the share of the bytes a failed action "
                    + "tried that counts against the quota (default: all).")
    List<List<String>> quotaFailChargeRatios = new ArrayList<>();

    @Option(names = "--damos_wmarks", parameterConsumer = WordsPerOccurrence.class, arity = "5", paramLabel = "<value>",
            description = "<none|free_mem_rate> <interval us> <high> <mid> <low> (permil or %%).")
    List<List<String>> wmarks = new ArrayList<>();

    @Option(names = "--damos_filter", parameterConsumer = WordsPerOccurrence.class, arity = "1..*", paramLabel = "<word>",
            description = "<allow|reject> [none] <type> [<args>], chained. Types: anon, active, young, unmapped, "
                    + "memcg <path>, addr <start> <end>, target <idx>, hugepage_size <min> <max>.")
    List<List<String>> filters = new ArrayList<>();

    @Option(names = "--damos_nr_filters", arity = "1..*", paramLabel = "<n>",
            description = "How many filters go to each scheme, in order.")
    List<Integer> nrFilters = new ArrayList<>();

    @Option(names = "--damos_max_nr_snapshots", paramLabel = "<n>",
            description = "Stop the scheme after this many passes over all regions (0: never).")
    List<String> maxNrSnapshots = new ArrayList<>();

    public DamosArgs toArgs() {
        return new DamosArgs(actions, accessRates, szRegions, ages, applyIntervals, quotas, quotaIntervals, quotaTimes,
                quotaSpaces, quotaWeights, quotaGoals, nrQuotaGoals, quotaGoalTuners, wmarks, filters, nrFilters,
                maxNrSnapshots, quotaFailChargeRatios);
    }

    /**
     * Collects the words of one occurrence of a multi-word option as one list (picocli would flatten
     * repeated occurrences), stopping at the next option or at the option's maximum arity.
     */
    static final class WordsPerOccurrence implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec spec) {
            OptionSpec opt = (OptionSpec) argSpec;
            int max = opt.arity().max();
            List<String> words = new ArrayList<>();
            while (!args.isEmpty() && words.size() < max && !isOption(args.peek(), spec)) {
                words.add(args.pop());
            }
            if (words.size() < opt.arity().min()) {
                throw new ParameterException(spec.commandLine(), opt.longestName() + " needs "
                        + (opt.arity().min() == max ? max : "at least " + opt.arity().min()) + " value(s), got "
                        + words.size());
            }
            List<List<String>> all = opt.getValue();
            all.add(words);
        }

        private static boolean isOption(String arg, CommandSpec spec) {
            return arg.startsWith("--") || spec.findOption(arg) != null || (arg.startsWith("-") && arg.length() == 2
                    && Character.isLetter(arg.charAt(1)));
        }
    }
}
