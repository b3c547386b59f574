package org.jdamon.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jdamon.core.Units;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.core.damos.FilterType;
import org.jdamon.core.damos.GoalMetric;
import org.jdamon.core.damos.MigrationDest;
import org.jdamon.core.damos.Quota;
import org.jdamon.core.damos.QuotaGoal;
import org.jdamon.core.damos.Watermarks;

/**
 * damo's {@code --damos_*} command-line options, as given (each occurrence a list of words), turned into
 * schemes the way damo does it: every {@code --damos_action} starts a scheme, and the n-th occurrence of
 * any other {@code --damos_*} option belongs to the n-th scheme. Goals and filters are distributed by
 * {@code --damos_nr_quota_goals} / {@code --damos_nr_filters} when there are several schemes. Units and
 * grammar follow damo (damo-ecosystem §A.4-A.5). Errors are {@link ConfigException}s naming the option.
 */
public record DamosArgs(
        List<List<String>> actions,
        List<List<String>> accessRates,
        List<List<String>> szRegions,
        List<List<String>> ages,
        List<String> applyIntervals,
        List<List<String>> quotas,
        List<String> quotaIntervals,
        List<String> quotaTimes,
        List<String> quotaSpaces,
        List<List<String>> quotaWeights,
        List<List<String>> quotaGoals,
        List<Integer> nrQuotaGoals,
        List<String> quotaGoalTuners,
        List<List<String>> wmarks,
        List<List<String>> filters,
        List<Integer> nrFilters,
        List<String> maxNrSnapshots,
        List<List<String>> quotaFailChargeRatios) {

    public DamosArgs {
        actions = nonNull(actions);
        accessRates = nonNull(accessRates);
        szRegions = nonNull(szRegions);
        ages = nonNull(ages);
        applyIntervals = nonNull(applyIntervals);
        quotas = nonNull(quotas);
        quotaIntervals = nonNull(quotaIntervals);
        quotaTimes = nonNull(quotaTimes);
        quotaSpaces = nonNull(quotaSpaces);
        quotaWeights = nonNull(quotaWeights);
        quotaGoals = nonNull(quotaGoals);
        nrQuotaGoals = nonNull(nrQuotaGoals);
        quotaGoalTuners = nonNull(quotaGoalTuners);
        wmarks = nonNull(wmarks);
        filters = nonNull(filters);
        nrFilters = nonNull(nrFilters);
        maxNrSnapshots = nonNull(maxNrSnapshots);
        quotaFailChargeRatios = nonNull(quotaFailChargeRatios);
    }

    /** Without {@code --damos_quota_fail_charge_ratio}. */
    public DamosArgs(List<List<String>> actions, List<List<String>> accessRates, List<List<String>> szRegions,
            List<List<String>> ages, List<String> applyIntervals, List<List<String>> quotas,
            List<String> quotaIntervals, List<String> quotaTimes, List<String> quotaSpaces,
            List<List<String>> quotaWeights, List<List<String>> quotaGoals, List<Integer> nrQuotaGoals,
            List<String> quotaGoalTuners, List<List<String>> wmarks, List<List<String>> filters, List<Integer> nrFilters,
            List<String> maxNrSnapshots) {
        this(actions, accessRates, szRegions, ages, applyIntervals, quotas, quotaIntervals, quotaTimes, quotaSpaces,
                quotaWeights, quotaGoals, nrQuotaGoals, quotaGoalTuners, wmarks, filters, nrFilters, maxNrSnapshots,
                null);
    }

    /** Without the per-field quota options ({@code --damos_quota_interval/time/space}). */
    public DamosArgs(List<List<String>> actions, List<List<String>> accessRates, List<List<String>> szRegions,
            List<List<String>> ages, List<String> applyIntervals, List<List<String>> quotas,
            List<List<String>> quotaWeights, List<List<String>> quotaGoals, List<Integer> nrQuotaGoals,
            List<String> quotaGoalTuners, List<List<String>> wmarks, List<List<String>> filters, List<Integer> nrFilters,
            List<String> maxNrSnapshots) {
        this(actions, accessRates, szRegions, ages, applyIntervals, quotas, null, null, null, quotaWeights, quotaGoals,
                nrQuotaGoals, quotaGoalTuners, wmarks, filters, nrFilters, maxNrSnapshots);
    }

    private static <T> List<T> nonNull(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    public static final DamosArgs NONE = new DamosArgs(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null);

    /** The schemes these options describe (empty when no {@code --damos_action} was given). */
    public List<SchemeConfig> toSchemes() {
        int n = actions.size();
        checkCount("--damos_access_rate", accessRates.size(), n);
        checkCount("--damos_sz_region", szRegions.size(), n);
        checkCount("--damos_age", ages.size(), n);
        checkCount("--damos_apply_interval", applyIntervals.size(), n);
        checkCount("--damos_quotas", quotas.size(), n);
        checkCount("--damos_quota_interval", quotaIntervals.size(), n);
        checkCount("--damos_quota_time", quotaTimes.size(), n);
        checkCount("--damos_quota_space", quotaSpaces.size(), n);
        if (!quotas.isEmpty() && !quotaIntervals.isEmpty()) {
            throw new ConfigException("--damos_quota_interval", "cannot be combined with --damos_quotas");
        }
        if (!quotaGoals.isEmpty() && quotaIntervals.isEmpty()
                && (quotas.isEmpty() || quotas.stream().anyMatch(q -> q.size() < 3))) {
            throw new ConfigException("--damos_quota_goal",
                    "needs a reset interval (--damos_quota_interval, or the third value of --damos_quotas)");
        }
        checkCount("--damos_quota_weights", quotaWeights.size(), n);
        checkCount("--damos_quota_goal_tuner", quotaGoalTuners.size(), n);
        checkCount("--damos_quota_fail_charge_ratio", quotaFailChargeRatios.size(), n);
        checkCount("--damos_wmarks", wmarks.size(), n);
        checkCount("--damos_max_nr_snapshots", maxNrSnapshots.size(), n);
        List<List<QuotaGoal>> goals = distribute("--damos_quota_goal", "--damos_nr_quota_goals",
                quotaGoals.stream().map(DamosArgs::goal).toList(), nrQuotaGoals, n);
        // like damo, --damos_nr_filters counts --damos_filter occurrences (one may chain several filters)
        List<List<List<String>>> filterWords = distribute("--damos_filter", "--damos_nr_filters", filters, nrFilters, n);
        List<List<DamosFilter>> perScheme = new ArrayList<>();
        for (List<List<String>> occurrences : filterWords) {
            List<DamosFilter> fs = new ArrayList<>();
            for (List<String> words : occurrences) {
                fs.addAll(filters(words));
            }
            perScheme.add(fs);
        }
        List<SchemeConfig> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SchemeConfig s = action(actions.get(i));
            SchemeConfig.PatternConfig p = s.pattern();
            long minSz = p.minSzBytes();
            long maxSz = p.maxSzBytes();
            long minNr = p.minNrAccesses();
            long maxNr = p.maxNrAccesses();
            long minAge = p.minAge();
            long maxAge = p.maxAge();
            if (i < szRegions.size()) {
                long[] r = range("--damos_sz_region", szRegions.get(i), Values::size);
                minSz = r[0];
                maxSz = r[1];
            }
            if (i < accessRates.size()) {
                long[] r = range("--damos_access_rate", accessRates.get(i), v -> Units.parseRatio(v, 1));
                minNr = r[0];
                maxNr = r[1];
                if (minNr > 100 && minNr != Values.MAX) {
                    throw new ConfigException("--damos_access_rate", "min (" + minNr + "%) above 100%");
                }
            }
            if (i < ages.size()) {
                long[] r = range("--damos_age", ages.get(i), v -> Units.parseDurationUs(v, 1));
                minAge = r[0];
                maxAge = r[1];
            }
            s = s.withPattern(new SchemeConfig.PatternConfig(minSz, maxSz, minNr, maxNr, SchemeConfig.RateUnit.PERCENT,
                    minAge, maxAge, SchemeConfig.AgeUnit.US));
            if (i < applyIntervals.size()) {
                s = s.withApplyIntervalUs(parse("--damos_apply_interval", applyIntervals.get(i), v -> Units.parseDurationUs(v, 1)));
            }
            s = s.withQuota(quota(i, goals.get(i)));
            if (i < wmarks.size()) {
                s = s.withWatermarks(watermarks(wmarks.get(i)));
            }
            s = s.withFilters(perScheme.get(i));
            if (i < maxNrSnapshots.size()) {
                long max = parse("--damos_max_nr_snapshots", maxNrSnapshots.get(i), Values::integer);
                s = new SchemeConfig(s.action(), s.targetNid(), s.dests(), s.pattern(), s.applyIntervalUs(), s.quota(),
                        s.watermarks(), s.filters(), max);
            }
            out.add(s);
        }
        return out;
    }

    private static void checkCount(String option, int given, int schemes) {
        if (given > schemes) {
            throw new ConfigException(option, schemes == 0
                    ? "given without --damos_action"
                    : "given " + given + " times for " + schemes + " scheme(s) (one per --damos_action)");
        }
    }

    private static <T> List<List<T>> distribute(String option, String countOption, List<T> items, List<Integer> counts, int n) {
        List<List<T>> out = new ArrayList<>();
        if (counts.isEmpty()) {
            if (!items.isEmpty() && n == 0) {
                throw new ConfigException(option, "given without --damos_action");
            }
            if (!items.isEmpty() && n > 1) {
                throw new ConfigException(option, "with several schemes, say how many go to each with " + countOption);
            }
            for (int i = 0; i < n; i++) {
                out.add(items);
            }
            return out;
        }
        if (counts.size() != n) {
            throw new ConfigException(countOption, "needs one count per scheme (" + n + "), got " + counts.size());
        }
        int total = counts.stream().mapToInt(Integer::intValue).sum();
        if (total != items.size()) {
            throw new ConfigException(countOption, "counts add up to " + total + " but " + items.size() + " were given with " + option);
        }
        int k = 0;
        for (int c : counts) {
            out.add(List.copyOf(items.subList(k, k + c)));
            k += c;
        }
        return out;
    }

    private static SchemeConfig action(List<String> words) {
        String opt = "--damos_action";
        if (words.isEmpty()) {
            throw new ConfigException(opt, "needs an action");
        }
        DamosAction a = parse(opt, words.getFirst(), DamosAction::fromKeyword);
        List<String> args = words.subList(1, words.size());
        int nid = -1;
        List<MigrationDest> dests = new ArrayList<>();
        if (!args.isEmpty()) {
            if (!a.isMigration()) {
                throw new ConfigException(opt, a.keyword() + " takes no arguments (got " + String.join(" ", args) + ")");
            }
            if (args.size() == 1) {
                nid = intArg(opt, args.getFirst());
            } else if (args.size() % 2 == 0) {
                for (int i = 0; i < args.size(); i += 2) {
                    int id = intArg(opt, args.get(i));
                    int w = intArg(opt, args.get(i + 1));
                    dests.add(new MigrationDest(id, w));
                }
            } else {
                throw new ConfigException(opt, a.keyword() + " takes a node id or <node id> <weight> pairs");
            }
        }
        return SchemeConfig.defaults().withAction(a, nid, dests);
    }

    private static long[] range(String opt, List<String> words, Function<String, Long> unit) {
        if (words.size() != 2) {
            throw new ConfigException(opt, "needs <min> <max> (got " + words.size() + " values)");
        }
        long min = parse(opt, words.get(0), unit);
        long max = parse(opt, words.get(1), unit);
        if (min > max) {
            throw new ConfigException(opt, "min (" + words.get(0) + ") > max (" + words.get(1) + ")");
        }
        return new long[] {min, max};
    }

    private Quota quota(int i, List<QuotaGoal> goals) {
        long timeMs = 0;
        long sz = 0;
        long resetMs = Values.MAX; // damo's default: one window that never resets
        long[] w = {0, 0, 0};
        if (i < quotas.size()) {
            List<String> q = quotas.get(i);
            String opt = "--damos_quotas";
            if (q.isEmpty() || q.size() > 6) {
                throw new ConfigException(opt, "needs <time> [<size> [<reset interval> [<w_sz> [<w_acc> [<w_age>]]]]]");
            }
            timeMs = parse(opt, q.get(0), Values::durationMs);
            if (q.size() > 1) {
                sz = parse(opt, q.get(1), Values::size);
            }
            if (q.size() > 2) {
                resetMs = parse(opt, q.get(2), Values::durationMs);
            }
            for (int k = 3; k < q.size(); k++) {
                w[k - 3] = parse(opt, q.get(k), v -> Units.parseRatio(v, 10));
            }
        }
        if (i < quotaIntervals.size()) {
            // damo's separate quota options: weights default to 1/1/1 here
            resetMs = parse("--damos_quota_interval", quotaIntervals.get(i), Values::durationMs);
            timeMs = i < quotaTimes.size() ? parse("--damos_quota_time", quotaTimes.get(i), Values::durationMs) : 0;
            sz = i < quotaSpaces.size() ? parse("--damos_quota_space", quotaSpaces.get(i), Values::size) : 0;
            w[0] = 1;
            w[1] = 1;
            w[2] = 1;
        } else if (i < quotaTimes.size() || i < quotaSpaces.size()) {
            throw new ConfigException(i < quotaTimes.size() ? "--damos_quota_time" : "--damos_quota_space",
                    "needs --damos_quota_interval");
        }
        if (i < quotaWeights.size()) {
            List<String> q = quotaWeights.get(i);
            String opt = "--damos_quota_weights";
            if (q.size() != 3) {
                throw new ConfigException(opt, "needs <size> <access rate> <age> weights (permil)");
            }
            for (int k = 0; k < 3; k++) {
                w[k] = parse(opt, q.get(k), v -> Units.parseRatio(v, 10));
            }
        }
        Quota.GoalTuner tuner = i < quotaGoalTuners.size()
                ? parse("--damos_quota_goal_tuner", quotaGoalTuners.get(i), Quota.GoalTuner::fromKeyword)
                : Quota.GoalTuner.CONSIST;
        long failNum = 0;
        long failDenom = 0;
        if (i < quotaFailChargeRatios.size()) {
            List<String> r = quotaFailChargeRatios.get(i);
            String opt = "--damos_quota_fail_charge_ratio";
            if (r.size() != 2) {
                throw new ConfigException(opt, "needs <numerator> <denominator>");
            }
            failNum = parse(opt, r.get(0), Values::integer);
            failDenom = parse(opt, r.get(1), Values::integer);
            if (failDenom <= 0 || failNum < 0) {
                throw new ConfigException(opt, "needs a non-negative numerator and a positive denominator (got "
                        + String.join(" ", r) + ")");
            }
        }
        try {
            return new Quota(timeMs, sz, resetMs, (int) Math.min(w[0], Integer.MAX_VALUE),
                    (int) Math.min(w[1], Integer.MAX_VALUE), (int) Math.min(w[2], Integer.MAX_VALUE), goals, tuner,
                    failNum, failDenom);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--damos_quotas", e.getMessage());
        }
    }

    /** {@code <metric> <target> [current value | nid [memcg path]]}. */
    static QuotaGoal goal(List<String> words) {
        String opt = "--damos_quota_goal";
        if (words.size() < 2) {
            throw new ConfigException(opt, "needs <metric> <target value> [<optional args>]");
        }
        GoalMetric m = parse(opt, words.get(0), GoalMetric::fromKeyword);
        Function<String, Long> unit = KdamondsJson.goalValueParser(m);
        long target = parse(opt, words.get(1), unit);
        List<String> rest = words.subList(2, words.size());
        long current = 0;
        int nid = -1;
        String path = null;
        if (m == GoalMetric.USER_INPUT) {
            if (rest.size() > 1) {
                throw new ConfigException(opt, "user_input takes <target> [<current value>]");
            }
            current = rest.isEmpty() ? 0 : parse(opt, rest.getFirst(), unit);
        } else if (m.needsMemcg()) {
            if (rest.size() != 2) {
                throw new ConfigException(opt, m.keyword() + " takes <target> <nid> <memcg path>");
            }
            nid = intArg(opt, rest.get(0));
            path = rest.get(1);
        } else if (m.needsNid()) {
            if (rest.size() != 1) {
                throw new ConfigException(opt, m.keyword() + " takes <target> <nid>");
            }
            nid = intArg(opt, rest.getFirst());
        } else if (!rest.isEmpty()) {
            throw new ConfigException(opt, m.keyword() + " takes only <target> (got " + String.join(" ", rest) + ")");
        }
        try {
            return new QuotaGoal(m, target, current, nid, path);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(opt, e.getMessage());
        }
    }

    private static Watermarks watermarks(List<String> words) {
        String opt = "--damos_wmarks";
        if (words.size() != 5) {
            throw new ConfigException(opt, "needs <metric> <interval> <high> <mid> <low>");
        }
        Watermarks.Metric m = parse(opt, words.get(0), Watermarks.Metric::fromKeyword);
        long interval = parse(opt, words.get(1), v -> Units.parseDurationUs(v, 1));
        long high = parse(opt, words.get(2), v -> Units.parseRatio(v, 10));
        long mid = parse(opt, words.get(3), v -> Units.parseRatio(v, 10));
        long low = parse(opt, words.get(4), v -> Units.parseRatio(v, 10));
        try {
            return new Watermarks(m, interval, high, mid, low);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(opt, e.getMessage());
        }
    }

    /**
     * damo's filter grammar: {@code <allow|reject> [none] <type> [args]}, chained; or the old
     * {@code <type> <matching|nomatching> [args] [allow|reject]} for a single filter.
     */
    static List<DamosFilter> filters(List<String> words) {
        String opt = "--damos_filter";
        if (words.isEmpty()) {
            throw new ConfigException(opt, "needs <allow|reject> [none] <type> [<args>]");
        }
        List<DamosFilter> out = new ArrayList<>();
        String first = words.getFirst().toLowerCase(Locale.ROOT);
        if (!first.equals("allow") && !first.equals("reject")) {
            return List.of(oldGrammarFilter(words));
        }
        int i = 0;
        while (i < words.size()) {
            String verdict = words.get(i).toLowerCase(Locale.ROOT);
            if (!verdict.equals("allow") && !verdict.equals("reject")) {
                throw new ConfigException(opt, "expected allow or reject, found '" + words.get(i) + "'");
            }
            boolean allow = verdict.equals("allow");
            i++;
            boolean matching = true;
            if (i < words.size() && words.get(i).equalsIgnoreCase("none")) {
                matching = false;
                i++;
            }
            if (i >= words.size()) {
                throw new ConfigException(opt, "missing filter type after '" + verdict + "'");
            }
            FilterType type = parse(opt, words.get(i).toLowerCase(Locale.ROOT), FilterType::fromKeyword);
            i++;
            int nArgs = argCount(type);
            if (i + nArgs > words.size()) {
                throw new ConfigException(opt, type.keyword() + " needs " + nArgs + " argument(s)");
            }
            out.add(filter(type, matching, allow, words.subList(i, i + nArgs)));
            i += nArgs;
        }
        return out;
    }

    private static DamosFilter oldGrammarFilter(List<String> words) {
        String opt = "--damos_filter";
        FilterType type = parse(opt, words.getFirst().toLowerCase(Locale.ROOT), FilterType::fromKeyword);
        if (words.size() < 2) {
            throw new ConfigException(opt, "needs <type> <matching|nomatching> [<args>] [allow|reject]");
        }
        String m = words.get(1).toLowerCase(Locale.ROOT);
        if (!m.equals("matching") && !m.equals("nomatching")) {
            throw new ConfigException(opt, "expected matching or nomatching, found '" + words.get(1) + "'");
        }
        int nArgs = argCount(type);
        if (words.size() < 2 + nArgs) {
            throw new ConfigException(opt, type.keyword() + " needs " + nArgs + " argument(s)");
        }
        boolean allow = false;
        if (words.size() == 3 + nArgs) {
            String v = words.get(2 + nArgs).toLowerCase(Locale.ROOT);
            if (!v.equals("allow") && !v.equals("reject")) {
                throw new ConfigException(opt, "expected allow or reject, found '" + words.get(2 + nArgs) + "'");
            }
            allow = v.equals("allow");
        } else if (words.size() > 3 + nArgs) {
            throw new ConfigException(opt, "too many words for one " + type.keyword() + " filter");
        }
        return filter(type, m.equals("matching"), allow, words.subList(2, 2 + nArgs));
    }

    private static int argCount(FilterType type) {
        return switch (type) {
            case ANON, ACTIVE, YOUNG, UNMAPPED -> 0;
            case MEMCG, TARGET -> 1;
            case ADDR, HUGEPAGE_SIZE -> 2;
        };
    }

    private static DamosFilter filter(FilterType type, boolean matching, boolean allow, List<String> args) {
        String opt = "--damos_filter";
        try {
            return switch (type) {
                case ANON, ACTIVE, YOUNG, UNMAPPED -> DamosFilter.of(type, matching, allow);
                case MEMCG -> DamosFilter.memcg(args.getFirst(), matching, allow);
                case TARGET -> DamosFilter.target(intArg(opt, args.getFirst()), matching, allow);
                case ADDR -> DamosFilter.addr(parse(opt, args.get(0), Values::size), parse(opt, args.get(1), Values::size),
                        matching, allow);
                case HUGEPAGE_SIZE -> DamosFilter.hugepageSize(parse(opt, args.get(0), Values::size),
                        parse(opt, args.get(1), Values::size), matching, allow);
            };
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(opt, e.getMessage());
        }
    }

    private static int intArg(String opt, String text) {
        long v = parse(opt, text, Values::integer);
        if (v > Integer.MAX_VALUE) {
            throw new ConfigException(opt, "value too large: " + text);
        }
        return (int) v;
    }

    private static <T> T parse(String opt, String text, Function<String, T> conv) {
        try {
            return conv.apply(text);
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(opt, e.getMessage());
        }
    }
}
