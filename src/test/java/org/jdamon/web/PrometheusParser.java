package org.jdamon.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4 for tests: every line must be a HELP, a TYPE or a
 * sample of a declared family with a valid name, well-formed labels and a float value.
 */
final class PrometheusParser {
    record Sample(String name, Map<String, String> labels, double value) {}

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"");

    final Map<String, String> types = new HashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PrometheusParser parse(String text) {
        PrometheusParser p = new PrometheusParser();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String[] parts = line.split(" ", 4);
                require(NAME.matcher(parts[2]).matches(), lineNo, line);
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                require(parts.length == 4 && NAME.matcher(parts[2]).matches(), lineNo, line);
                require(List.of("counter", "gauge", "summary", "histogram", "untyped").contains(parts[3]), lineNo, line);
                require(!p.types.containsKey(parts[2]), lineNo, "duplicate TYPE: " + line);
                p.types.put(parts[2], parts[3]);
                continue;
            }
            require(!line.startsWith("#"), lineNo, line);
            Matcher m = SAMPLE.matcher(line);
            require(m.matches(), lineNo, line);
            require(p.types.containsKey(m.group(1)), lineNo, "sample before its TYPE: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                String rest = m.group(3);
                Matcher lm = LABEL.matcher(rest);
                int pos = 0;
                while (pos < rest.length()) {
                    require(lm.find(pos) && lm.start() == pos, lineNo, "bad labels: " + line);
                    labels.put(lm.group(1), lm.group(2));
                    pos = lm.end();
                    if (pos < rest.length()) {
                        require(rest.charAt(pos) == ',', lineNo, "bad labels: " + line);
                        pos++;
                    }
                }
            }
            double v;
            String raw = m.group(4);
            v = switch (raw) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(raw);
            };
            p.samples.add(new Sample(m.group(1), labels, v));
        }
        return p;
    }

    double value(String name, Map<String, String> labels) {
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().equals(labels)) {
                return s.value();
            }
        }
        throw new AssertionError("no sample " + name + labels + " in " + samples);
    }

    private static void require(boolean ok, int line, String text) {
        if (!ok) {
            throw new AssertionError("line " + line + " is not Prometheus text format: " + text);
        }
    }
}
