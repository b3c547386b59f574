package org.jdamon.record.damo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.core.damos.FilterType;
import tools.jackson.databind.JsonNode;

/**
 * A damo record's {@code scheme_filters}: the DAMOS filters its snapshots went through, read from the
 * (small) list's JSON tree and written back in damo's layout with every field damo writes.
 */
final class DamoSchemeFilters {
    private DamoSchemeFilters() {}

    /** The filters of the list's entries, in order. */
    static List<DamosFilter> read(List<JsonNode> list, String where) throws IOException {
        List<DamosFilter> filters = new ArrayList<>();
        for (JsonNode f : list) {
            try {
                filters.add(filter(f));
            } catch (RuntimeException e) {
                throw new IOException(where + ": scheme_filters: " + e.getMessage());
            }
        }
        return filters;
    }

    private static DamosFilter filter(JsonNode f) {
        FilterType type = FilterType.fromKeyword(required(f, "filter_type"));
        boolean matching = bool(f.get("matching"));
        boolean allow = f.has("allow") ? bool(f.get("allow")) : bool(f.get("filter_pass"));
        return switch (type) {
            case ANON, ACTIVE, YOUNG, UNMAPPED -> DamosFilter.of(type, matching, allow);
            case MEMCG -> DamosFilter.memcg(required(f, "memcg_path"), matching, allow);
            case TARGET -> DamosFilter.target((int) DamoNumbers.nr(required(f, "damon_target_idx")), matching, allow);
            case ADDR -> {
                JsonNode range = f.get("address_range");
                yield DamosFilter.addr(DamoNumbers.bytes(required(range, "start")),
                        DamoNumbers.bytes(required(range, "end")), matching, allow);
            }
            case HUGEPAGE_SIZE -> {
                JsonNode sizes = f.get("hugepage_size");
                if (sizes == null || !sizes.isArray() || sizes.size() != 2) {
                    throw new IllegalArgumentException("hugepage_size filter needs [min, max]");
                }
                yield DamosFilter.hugepageSize(cappedBytes(text(sizes.get(0), "0")),
                        cappedBytes(text(sizes.get(1), "max")), matching, allow);
            }
        };
    }

    /**
     * The list's entries as damo writes them inside a record ({@code indent}: the entries' indentation),
     * joined by damo's separators; empty for no filter.
     */
    static String format(List<DamosFilter> filters, String indent) {
        String in = indent + "    ";
        StringBuilder sb = new StringBuilder();
        for (DamosFilter f : filters) {
            sb.append(sb.isEmpty() ? "" : ",\n").append(indent).append("{\n");
            sb.append(in).append("\"filter_type\": \"").append(f.type().keyword()).append("\",\n");
            sb.append(in).append("\"matching\": ").append(f.matching()).append(",\n");
            sb.append(in).append("\"allow\": ").append(f.allow()).append(",\n");
            sb.append(in).append("\"memcg_path\": \"").append(f.memcgPath() == null ? "" : escape(f.memcgPath()))
                    .append("\",\n");
            sb.append(in).append("\"address_range\": {\n");
            sb.append(in).append("    \"start\": \"").append(Long.toUnsignedString(f.addrStart())).append("\",\n");
            sb.append(in).append("    \"end\": \"").append(Long.toUnsignedString(f.addrEnd())).append("\"\n");
            sb.append(in).append("},\n");
            sb.append(in).append("\"damon_target_idx\": \"").append(f.targetIdx()).append("\",\n");
            sb.append(in).append("\"hugepage_size\": [\n");
            sb.append(in).append("    \"").append(Long.toUnsignedString(f.minBytes())).append("\",\n");
            sb.append(in).append("    \"").append(f.maxBytes() == Long.MAX_VALUE ? Long.toUnsignedString(-1L)
                    : Long.toUnsignedString(f.maxBytes())).append("\"\n");
            sb.append(in).append("]\n");
            sb.append(indent).append("}");
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return DamoJsonWriter.quoted(s).substring(1, DamoJsonWriter.quoted(s).length() - 1);
    }

    /** Bytes with damo's u64 {@code max} as jdamon's "no bound" ({@link Long#MAX_VALUE}). */
    private static long cappedBytes(String text) {
        long v = DamoNumbers.bytes(text);
        return v < 0 ? Long.MAX_VALUE : v;
    }

    private static boolean bool(JsonNode n) {
        if (n == null || n.isNull()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        String t = n.asString().trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("yes") || t.equals("y") || t.equals("1")) {
            return true;
        }
        if (t.equals("false") || t.equals("no") || t.equals("n") || t.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean: '" + n.asString() + "'");
    }

    private static String required(JsonNode parent, String field) {
        String v = parent == null ? null : text(parent.get(field), null);
        if (v == null) {
            throw new IllegalArgumentException("no " + field);
        }
        return v;
    }

    /** A node as damo's parsers see it: strings as they are, numbers in decimal, null as {@code dflt}. */
    private static String text(JsonNode n, String dflt) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return dflt;
        }
        if (n.isNumber()) {
            return n.isIntegralNumber() ? n.asBigInteger().toString() : Double.toString(n.asDouble());
        }
        return n.asString();
    }
}
