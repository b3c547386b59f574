package org.jdamon.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every section the project cites must exist in {@code docs/design.md}. A citation is {@code §N} or
 * {@code §N.M...} in a text file of {@code src/main}, {@code src/test}, {@code docs} or {@code README.md}
 * ({@code design §8.3}, a bare {@code §3.4} in a core class, a range {@code §3-§7} or {@code §8.6-8.7},
 * whose two ends must exist), unless the name of another document comes right before it
 * ({@code damo-ecosystem §A.6}, {@code java-stack.md §1.3}, {@code issue 2 §7}); a list such as
 * {@code §2, §6} belongs to the document its first item names. A comment may break the line between
 * {@code design} and {@code §}. Text files are those with a source or document extension
 * ({@link #TEXT_FILE}); data files such as fixture captures and fuzzing inputs are not read.
 */
class DesignCitationsTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path DESIGN = ROOT.resolve("docs/design.md");

    /** A section number, optionally the end of a range after a dash. */
    private static final Pattern CITATION =
            Pattern.compile("§(\\d+(?:\\.\\d+)*)(?:\\s*[-–]\\s*§?(\\d+(?:\\.\\d+)*))?");
    /** Text right before a {@code §} that names another document. */
    private static final Pattern OTHER_DOCUMENT =
            Pattern.compile("(?:damo-ecosystem(?:\\.md)?|java-stack(?:\\.md)?|issue\\s+\\d+)\\s*$");
    /** Between two items of one list: {@code §2, §6}, {@code §1.1 and §7.2}. */
    private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*(?:,|;|and|or)\\s*");
    private static final Pattern HEADING = Pattern.compile("^#{2,6}\\s+(\\d+(?:\\.\\d+)*)\\.?\\s+\\S");
    static final Pattern TEXT_FILE =
            Pattern.compile(".*\\.(?:java|md|tree|cfg|c|txt|properties|xml|html|css|js|sh|json|ya?ml)");
    private static final Pattern COMMENT_LEADER = Pattern.compile("^\\s*(?:\\*|//|#+)?\\s*");

    /** One cited section: where, and which number. */
    record Citation(String where, String section) {}

    @Test
    void everyCitedSectionExistsInTheDesignDocument() throws IOException {
        Set<String> sections = sections(Files.readAllLines(DESIGN));
        List<Citation> citations = new ArrayList<>();
        for (Path file : scannedFiles()) {
            String text = readText(file);
            if (text != null) {
                citations.addAll(citations(ROOT.relativize(file).toString(), text));
            }
        }

        // the project cites the design in some 80 places; far fewer means the scan itself broke
        assertThat(citations).hasSizeGreaterThan(60);
        List<String> unresolved = citations.stream()
                .filter(c -> !sections.contains(c.section()))
                .map(c -> c.where() + ": §" + c.section() + " is not a section of docs/design.md")
                .toList();
        assertThat(unresolved).as("citations of sections docs/design.md does not have").isEmpty();
    }

    @Test
    void designSectionNumbersAreUniqueAndEveryParentExists() throws IOException {
        List<String> numbers = new ArrayList<>();
        for (String line : Files.readAllLines(DESIGN)) {
            Matcher m = HEADING.matcher(line);
            if (m.find()) {
                numbers.add(m.group(1));
            }
        }
        assertThat(numbers).doesNotHaveDuplicates().contains("0", "1.1", "8.8.2", "9.3", "11.1");
        for (String n : numbers) {
            if (n.contains(".")) {
                assertThat(numbers).as("parent of §" + n).contains(n.substring(0, n.lastIndexOf('.')));
            }
        }
    }

    @Test
    void recognisesTheCitationFormsTheProjectUses() {
        assertThat(sectionsOf("/** Fields follow damon_region (design §1.2). */")).containsExactly("1.2");
        assertThat(sectionsOf("// rescales counters (design §1.1 side effects and §7.2)"))
                .containsExactly("1.1", "7.2");
        assertThat(sectionsOf(" * cases for counters and merge (design §3-§7).")).containsExactly("3", "7");
        assertThat(sectionsOf(" * metrics *_mem_bp (design §8.6-8.7).")).containsExactly("8.6", "8.7");
        assertThat(sectionsOf(" * DAMOS goal and watermark metrics (design §8.6.1, §8.7), for"))
                .containsExactly("8.6.1", "8.7");
        assertThat(sectionsOf("    // ---- §3.3 counters ----")).containsExactly("3.3");
        assertThat(sectionsOf(" * one directory of the sysfs interface (design\n * §9.1), in sysfs units"))
                .containsExactly("9.1");
        assertThat(sectionsOf("see `docs/design.md §8.10`")).containsExactly("8.10");
    }

    @Test
    void leavesSectionsOfOtherDocumentsAlone() {
        assertThat(sectionsOf(" * bound through FFM (java-stack.md §1.3). Each")).isEmpty();
        assertThat(sectionsOf("Goal (issue 6 §5): heatmap PNG")).isEmpty();
        assertThat(sectionsOf(" * the engine's targets (issue 2 §7): cost per region")).isEmpty();
        assertThat(sectionsOf(" * the way damo does (damo-ecosystem §A.8): the kdamond")).isEmpty();
        assertThat(sectionsOf(" * as in java-stack §2, §3; and design §6")).containsExactly("6");
        assertThat(sectionsOf(" * damo's JSON (damo-ecosystem §A.6) as\n * issue 3\n * §5 asks")).isEmpty();
    }

    @Test
    void aMissingSectionIsReportedWithFileAndLine() {
        // split so that this file does not cite the missing section itself
        List<Citation> found = citations("src/main/java/X.java", "class X {\n  // design §" + "99.4\n}\n");

        assertThat(found).containsExactly(new Citation("src/main/java/X.java:2", "99.4"));
    }

    private static List<String> sectionsOf(String text) {
        return citations("t", text).stream().map(Citation::section).toList();
    }

    /** Section numbers of the design document's headings ({@code ## 8. DAMOS}, {@code ### 8.1 ...}). */
    static Set<String> sections(List<String> lines) {
        Set<String> out = new TreeSet<>();
        for (String line : lines) {
            Matcher m = HEADING.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The design citations in {@code text}, each with {@code where:line}. */
    static List<Citation> citations(String where, String text) {
        List<Citation> out = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        String previous = "";
        for (int ln = 0; ln < lines.length; ln++) {
            String line = COMMENT_LEADER.matcher(lines[ln]).replaceFirst("");
            Matcher m = CITATION.matcher(line);
            int lastEnd = -1;
            boolean lastWasOther = false;
            while (m.find()) {
                boolean other;
                if (lastEnd >= 0 && LIST_SEPARATOR.matcher(line.substring(lastEnd, m.start())).matches()) {
                    other = lastWasOther;
                } else {
                    String before = (lastEnd >= 0 ? "" : previous + " ") + line.substring(0, m.start());
                    other = OTHER_DOCUMENT.matcher(before).find();
                }
                if (!other) {
                    Set<String> cited = new LinkedHashSet<>();
                    cited.add(m.group(1));
                    if (m.group(2) != null) {
                        cited.add(m.group(2));
                    }
                    for (String s : cited) {
                        out.add(new Citation(where + ":" + (ln + 1), s));
                    }
                }
                lastEnd = m.end();
                lastWasOther = other;
            }
            previous = line;
        }
        return out;
    }

    private static List<Path> scannedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("src/main", "src/test", "docs")) {
            try (Stream<Path> s = Files.walk(ROOT.resolve(dir))) {
                s.filter(Files::isRegularFile)
                        .filter(f -> TEXT_FILE.matcher(f.getFileName().toString()).matches())
                        .sorted()
                        .forEach(files::add);
            }
        }
        files.add(ROOT.resolve("README.md"));
        return files;
    }

    /** The file as UTF-8 text, or null when it is not valid UTF-8. */
    private static String readText(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException binary) {
            return null;
        }
    }
}
