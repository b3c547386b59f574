package org.jdamon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdamon.core.MonitorContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of {@code docs/architecture.md}, checked on the compiled main classes: every class our
 * classes reference (a class entry of the constant pool, or a type inside a descriptor or signature) must
 * be in the referencing package or in one its row of the "May import" table allows; the packages form no
 * cycle; and the core references nothing of ours and nothing outside the JDK. The table is parsed from the
 * document, so the document is the rule.
 */
class ArchitectureTest {
    private static final String OURS = "org.jdamon.";
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path RULES = ROOT.resolve("docs/architecture.md");
    /** A type inside a descriptor or generic signature: {@code Lorg/jdamon/core/Region;}. */
    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L(org/jdamon/[\\w/$]+)[;<]");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([\\w.]+)`\\s*\\|(.*)\\|\\s*$");
    private static final Pattern NAME = Pattern.compile("`([\\w.]+)`");
    private static final String EVERYTHING = "every package above";
    private static final Set<String> JDK_PREFIXES = Set.of("java/", "javax/", "jdk/", "sun/");

    /** class (binary name, dots) -> the classes of ours it references. */
    private static Map<String, Set<String>> references;
    /** class -> every class it references whose package is not the JDK's. */
    private static Map<String, Set<String>> foreignReferences;

    @BeforeAll
    static void readClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(MonitorContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        references = new TreeMap<>();
        foreignReferences = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                ClassModel model = ClassFile.of().parse(Files.readAllBytes(f));
                String self = model.thisClass().asInternalName();
                Set<String> ours = new TreeSet<>();
                Set<String> foreign = new TreeSet<>();
                for (PoolEntry e : model.constantPool()) {
                    List<String> names = new ArrayList<>();
                    if (e instanceof ClassEntry c) {
                        names.add(c.asInternalName());
                    } else if (e instanceof Utf8Entry u) {
                        Matcher m = TYPE_IN_DESCRIPTOR.matcher(u.stringValue());
                        while (m.find()) {
                            names.add(m.group(1));
                        }
                    }
                    for (String n : names) {
                        String internal = n.replaceFirst("^\\[+L?", "").replaceFirst(";$", "");
                        if (internal.startsWith("org/jdamon/")) {
                            ours.add(internal.replace('/', '.'));
                        } else if (internal.contains("/") && JDK_PREFIXES.stream().noneMatch(internal::startsWith)) {
                            foreign.add(internal.replace('/', '.'));
                        }
                    }
                }
                references.put(self.replace('/', '.'), ours);
                foreignReferences.put(self.replace('/', '.'), foreign);
            }
        }
        assertThat(references).as("compiled classes under " + classes).isNotEmpty();
    }

    /** Our package of a class, without {@code org.jdamon.}: {@code report.image}. */
    static String packageOf(String className) {
        return className.substring(OURS.length(), className.lastIndexOf('.'));
    }

    /** The "May import" table: package -> the packages it may reference (null for every package). */
    static Map<String, Set<String>> rules(List<String> lines) {
        Map<String, Set<String>> rules = new TreeMap<>();
        for (String line : lines) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            String cell = row.group(2);
            Set<String> allowed = null;
            if (!cell.contains(EVERYTHING)) {
                allowed = new TreeSet<>();
                Matcher name = NAME.matcher(cell);
                while (name.find()) {
                    allowed.add(name.group(1));
                }
            }
            rules.put(row.group(1), allowed);
        }
        return rules;
    }

    /** Package -> the packages its classes reference, from {@code refs}. */
    static Map<String, Set<String>> packageGraph(Map<String, Set<String>> refs) {
        Map<String, Set<String>> graph = new TreeMap<>();
        refs.forEach((from, tos) -> {
            Set<String> edges = graph.computeIfAbsent(packageOf(from), k -> new TreeSet<>());
            for (String to : tos) {
                if (!packageOf(to).equals(packageOf(from))) {
                    edges.add(packageOf(to));
                }
            }
        });
        return graph;
    }

    /** References that break {@code rules}: "class -> class (package may not import package)". */
    static List<String> violations(Map<String, Set<String>> refs, Map<String, Set<String>> rules) {
        List<String> out = new ArrayList<>();
        refs.forEach((from, tos) -> {
            String fromPkg = packageOf(from);
            Set<String> allowed = rules.get(fromPkg);
            for (String to : tos) {
                String toPkg = packageOf(to);
                if (!toPkg.equals(fromPkg) && allowed != null && !allowed.contains(toPkg)) {
                    out.add(from + " -> " + to + " (" + fromPkg + " may not import " + toPkg + ")");
                }
            }
        });
        return out;
    }

    /** The strongly connected components of more than one package (Tarjan), each sorted. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        for (String start : graph.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, graph, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }

    @Test
    void coreReferencesNothingOfOursAndNothingOutsideTheJdk() {
        List<String> bad = new ArrayList<>();
        references.forEach((from, tos) -> {
            if (packageOf(from).equals("core") || packageOf(from).startsWith("core.")) {
                tos.stream().filter(to -> !packageOf(to).equals("core") && !packageOf(to).startsWith("core."))
                        .forEach(to -> bad.add(from + " -> " + to));
                foreignReferences.get(from).forEach(to -> bad.add(from + " -> " + to));
            }
        });
        assertThat(bad).as("core references outside org.jdamon.core and the JDK").isEmpty();
        Map<String, Set<String>> graph = packageGraph(references);
        assertThat(graph.get("core")).as("core's imports").isEmpty();
        assertThat(graph.get("core.damos")).as("core.damos's imports").containsOnly("core");
    }

    @Test
    void everyReferenceBetweenPackagesIsOneTheTableAllows() throws IOException {
        assertThat(violations(references, rules(Files.readAllLines(RULES)))).as("docs/architecture.md").isEmpty();
    }

    @Test
    void everyPackageHasARowAndEveryRowIsAPackage() throws IOException {
        Set<String> packages = packageGraph(references).keySet();
        Set<String> rows = rules(Files.readAllLines(RULES)).keySet();
        assertThat(packages).as("packages without a row in docs/architecture.md").isSubsetOf(rows);
        assertThat(rows).as("rows of docs/architecture.md naming no package").isSubsetOf(packages);
    }

    @Test
    void theRecordFormatHooksIntoNoRunningMonitor() {
        Set<String> live = Set.of("org.jdamon.core.damos.DamosEngine", "org.jdamon.core.MonitorContext",
                "org.jdamon.core.AggregationListener");
        List<String> bad = new ArrayList<>();
        references.forEach((from, tos) -> {
            if (packageOf(from).equals("record") && tos.stream().anyMatch(live::contains)) {
                bad.add(from);
            }
        });
        assertThat(bad).as("record classes using the engine or a running context (their hooks belong in record.capture)")
                .isEmpty();
    }

    @Test
    void thePackagesFormNoCycle() {
        assertThat(cycles(packageGraph(references))).as("package cycles").isEmpty();
    }

    /** The checks themselves, on a made-up graph whose answers are known. */
    @Test
    void theChecksFindAKnownCycleAndAKnownViolation() {
        Map<String, Set<String>> refs = Map.of(
                "org.jdamon.a.A", Set.of("org.jdamon.b.B"),
                "org.jdamon.b.B", Set.of("org.jdamon.c.C", "org.jdamon.b.Other"),
                "org.jdamon.c.C", Set.of("org.jdamon.a.A"),
                "org.jdamon.d.D", Set.of("org.jdamon.a.A"));
        assertThat(cycles(packageGraph(refs))).containsExactly(Set.of("a", "b", "c"));
        Map<String, Set<String>> rules = rules(List.of(
                "| `a` | `b` |", "| `b` | `c` |", "| `c` | |", "| `d` | every package above |"));
        assertThat(violations(refs, rules)).containsExactly("org.jdamon.c.C -> org.jdamon.a.A (c may not import a)");
    }
}
