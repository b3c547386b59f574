package org.jdamon.record.damo;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdamon.core.Attributes;
import org.jdamon.core.IntervalsGoal;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.io.Json;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordStream;
import org.jdamon.record.SideData;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Reads damo's {@code json} record format (also the content of {@code json_compressed}) one snapshot at a
 * time: memory is one snapshot, whatever the file's length. Jackson's streaming parser reads each record's
 * fields up to its snapshot list; the snapshots themselves, in the layout damo writes, are read straight
 * from the bytes by {@link DamoSnapshotScanner}, which hands the input back to Jackson (from the start of
 * the snapshot it could not read, to the end of the record) for anything else, so both read the same
 * values and only damo's own layout is fast.
 *
 * <p>damo's file is a list of records, one per kdamond/context/scheme/target, each with its intervals and
 * its own list of snapshots. This stream gives them <em>series by series</em>, in file order: all snapshots
 * of the first record, then those of the next, each {@link Snapshot} holding the one target of its record.
 * One pass reads everything, so a report that keeps per-target state (wss, nr_regions, a heatmap of one
 * target, the raw form) streams any damo file at the cost of one parse; the alternative, one parser per
 * record advanced in step, would have to parse the file once more just to find the records. {@link
 * #header()} grows as records are met: the first record's intervals are the attributes, later targets
 * and the {@code data_source} (which damo writes after the snapshots) are known once they are read, and
 * all of it once {@link #nextSnapshot()} returned null. Times are relative to the first snapshot's start.
 *
 * <p>Numbers may be JSON numbers or strings with commas and units ({@link DamoNumbers}). Access counts
 * come from {@code nr_accesses.samples} (or are derived from {@code percent}), ages from {@code
 * age.aggr_intervals} (or from {@code usec}). Target ids are kept when they are small distinct numbers
 * (damo's target indexes); other ids (kernel pointers of old records) are numbered in order of appearance
 * and kept as the target's name. A file cut short ends the stream with a warning after its last complete
 * snapshot.
 */
public final class DamoJsonStream implements RecordStream {
    /** Parsers that leave the input open: the scanner and Jackson take turns on one input. */
    private static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();
    /** Where Jackson takes over from the scanner: inside a record's snapshot list, before a snapshot or its end. */
    private static final byte[] INSIDE_SNAPSHOTS = "[{\"snapshots\":[".getBytes(StandardCharsets.US_ASCII);
    /**
     * Reads the few small subtrees (a record's scheme_filters) as trees. A holder, so that a record
     * without them never builds the tool's JSON mapper (its date and locale set-up costs some 30 ms of
     * start-up, a tenth of a short report).
     */
    private static final class Trees {
        static final ObjectReader READER = Json.mapper().reader()
                .without(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private JsonParser parser;
    private final JsonTextInput input;
    private final String sourceFormat;
    private final List<TargetInfo> targets = new ArrayList<>();
    private final Set<Integer> usedIds = new HashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private Attributes attributes;
    private String dataSource;
    private List<DamosFilter> snapshotFilters = List.of();
    private boolean anyAge;
    private RecordHeader header;
    private long baseNs = Long.MIN_VALUE;
    private int recordIdx = -1;
    private int snapshotIdx;
    private Attributes recordUnits = Attributes.DAMO_DEFAULTS;
    private int recordTarget;
    private boolean inSnapshots;
    private boolean done;
    private Snapshot pending;
    private final SnapshotRegions regions = new SnapshotRegions();
    private final DamoSnapshotScanner scanner = new DamoSnapshotScanner(regions);
    /** Whether the scanner reads the current record's snapshots (else Jackson, {@link #parser}). */
    private boolean scanning;
    private final boolean scan;
    private int scannedSnapshots;
    /** The bytes of the last snapshot scanned: how far to grow the window for the next. */
    private int lastSnapshotBytes;
    private int handedOver;

    private DamoJsonStream(JsonTextInput in, String sourceFormat, boolean scan) throws IOException {
        this.input = in;
        this.scan = scan;
        this.sourceFormat = sourceFormat;
        try {
            parser = FACTORY.createParser(ObjectReadContext.empty(), in);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not a damo record (expected a JSON list of records)");
            }
            pending = readSnapshot();
        } catch (JacksonIOException e) {
            in.close();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage());
        } catch (JacksonException e) {
            in.close();
            throw new IOException("invalid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * A stream over the JSON text {@code in} (decompressed already); {@code sourceFormat} becomes the
     * header's source_format property. The text is read ahead on a second thread.
     */
    public static DamoJsonStream open(InputStream in, String sourceFormat) throws IOException {
        return new DamoJsonStream(new JsonTextInput(in, sourceFormat), sourceFormat, true);
    }

    /** With or without the scanner, over chunks of {@code chunkSize} bytes: for tests. */
    static DamoJsonStream open(InputStream in, String sourceFormat, boolean scan, int chunkSize) throws IOException {
        return new DamoJsonStream(new JsonTextInput(in, sourceFormat, chunkSize), sourceFormat, scan);
    }

    @Override
    public RecordHeader header() {
        if (header == null) {
            header = buildHeader();
        }
        return header;
    }

    @Override
    public boolean headerGrows() {
        return true;
    }

    @Override
    public Snapshot nextSnapshot() throws IOException {
        if (pending != null) {
            Snapshot s = pending;
            pending = null;
            return s;
        }
        return readSnapshot();
    }

    @Override
    public List<SideData> sideData() {
        return List.of();
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
        input.close();
    }

    private Snapshot readSnapshot() throws IOException {
        try {
            while (!done) {
                if (scanning) {
                    Snapshot s = scanned();
                    if (s != null) {
                        snapshotIdx++;
                        return s;
                    }
                }
                if (inSnapshots) {
                    JsonToken t = parser.nextToken();
                    if (t == JsonToken.START_OBJECT) {
                        Snapshot s = snapshot();
                        snapshotIdx++;
                        return s;
                    }
                    if (t != JsonToken.END_ARRAY) {
                        throw new IOException(where() + ": a snapshot is not a JSON object");
                    }
                    inSnapshots = false;
                    recordTail();
                    continue;
                }
                JsonToken t = parser.nextToken();
                if (t == JsonToken.END_ARRAY || t == null) {
                    done = true;
                    break;
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new IOException("record " + (recordIdx + 1) + ": not a JSON object");
                }
                recordHead();
                if (scan) {
                    startScanning();
                }
            }
        } catch (UnexpectedEndOfInputException | EOFException e) {
            cutShort();
        } catch (JacksonIOException e) {
            if (e.getCause() instanceof EOFException) {
                cutShort();
            } else {
                throw new IOException(where() + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (JacksonException e) {
            if (input.atEnd()) {
                cutShort();
                return null;
            }
            throw new IOException(where() + ": invalid JSON (" + e.getOriginalMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new IOException(where() + ": " + e.getMessage());
        }
        return null;
    }

    /** Hands the input from Jackson, which has just read a record up to its snapshot list, to the scanner. */
    private void startScanning() throws IOException {
        BufferedBytes unread = new BufferedBytes();
        parser.releaseBuffered(unread);
        parser.close();
        parser = null;
        input.pushBack(unread.bytes, unread.length);
        scanning = true;
    }

    /** The next snapshot the scanner read, or null when it handed the input to Jackson. */
    private Snapshot scanned() throws IOException {
        // A snapshot that crosses a chunk's end is scanned up to it, then again from its start in the spill:
        // the window is grown first where the last snapshot's size says this one will not fit.
        int missing = lastSnapshotBytes + (lastSnapshotBytes >> 3) - (input.limit() - input.position());
        if (missing > 0) {
            input.grow(missing);
        }
        while (true) {
            int from = input.position();
            int end = scanner.scan(input.window(), from, input.limit());
            if (end >= 0) {
                lastSnapshotBytes = end - from;
                input.consume(end);
                scannedSnapshots++;
                if (!anyAge && scanner.anyAge()) {
                    anyAge = true;
                    header = null;
                }
                return finishSnapshot(scanner.startTime(), scanner.endTime());
            }
            if (end == DamoSnapshotScanner.NEED_MORE && input.grow(lastSnapshotBytes)) {
                continue;
            }
            if (end != DamoSnapshotScanner.END_OF_LIST) {
                handedOver++;
            }
            scanning = false;
            input.pushBack(INSIDE_SNAPSHOTS, INSIDE_SNAPSHOTS.length);
            parser = FACTORY.createParser(ObjectReadContext.empty(), input);
            for (int i = 0; i < 4; i++) {
                parser.nextToken();
            }
            return null;
        }
    }

    /** Snapshots the scanner read, and snapshots it handed to Jackson (not counting ends of lists). */
    int scannedSnapshots() {
        return scannedSnapshots;
    }

    int handedOver() {
        return handedOver;
    }

    long regionsByGaps() {
        return scanner.regionsByGaps();
    }

    /** The bytes Jackson had read ahead, to give back to the input. */
    private static final class BufferedBytes extends OutputStream {
        byte[] bytes = new byte[1 << 13];
        int length;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (length + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + len, bytes.length * 2));
            }
            System.arraycopy(b, off, bytes, length, len);
            length += len;
        }
    }

    /** A record's scheme_filters, each entry read as a tree; an empty list (or no list) builds no tree. */
    private List<DamosFilter> schemeFilters(JsonToken v) throws IOException {
        String where = "record " + recordIdx;
        if (v != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return List.of();
        }
        List<JsonNode> entries = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (t == null) {
                throw new EOFException(where + ": the file ends inside scheme_filters");
            }
            entries.add(Trees.READER.readTree(parser));
        }
        return DamoSchemeFilters.read(entries, where);
    }

    private void cutShort() throws EOFException {
        if (baseNs == Long.MIN_VALUE) {
            throw new EOFException("the file ends before its first snapshot (cut short?)");
        }
        done = true;
        warnings.add(where() + ": the file ends inside the record (cut short?); read up to there");
    }

    private String where() {
        return recordIdx < 0 ? "start" : inSnapshots ? "record " + recordIdx + " snapshot " + snapshotIdx
                : "record " + recordIdx;
    }

    /** The fields of a record up to its snapshot list. */
    private void recordHead() throws IOException {
        recordIdx++;
        snapshotIdx = 0;
        String rawId = "0";
        String recordedId = "None";
        Attributes own = null;
        for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            switch (name) {
                case "target_id" -> {
                    rawId = text(v, "0");
                    recordedId = text(v, "None");
                }
                case "scheme_filters" -> {
                    List<DamosFilter> f = schemeFilters(v);
                    if (snapshotFilters.isEmpty() && !f.isEmpty()) {
                        snapshotFilters = f;
                        header = null;
                    }
                }
                case "intervals" -> {
                    if (v == JsonToken.START_OBJECT) {
                        own = intervals();
                    }
                }
                case "data_source" -> {
                    dataSource = text(v, dataSource);
                    header = null;
                }
                case "snapshots" -> {
                    if (v != JsonToken.START_ARRAY) {
                        throw new IOException("record " + recordIdx + ": snapshots is not a list");
                    }
                    recordUnits = own != null ? own : Attributes.DAMO_DEFAULTS;
                    if (attributes == null) {
                        attributes = own;
                        header = null;
                    }
                    recordTarget = addTarget(rawId, recordedId);
                    inSnapshots = true;
                    return;
                }
                default -> parser.skipChildren();
            }
        }
        throw new IOException("record " + recordIdx + ": no snapshots");
    }

    /** The fields of a record after its snapshot list (damo writes data_source there). */
    private void recordTail() throws IOException {
        for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            if (name.equals("data_source")) {
                dataSource = text(v, dataSource);
                header = null;
            } else {
                parser.skipChildren();
            }
        }
    }

    private int addTarget(String rawId, String recordedId) {
        int small = DamoNumbers.targetIndex(rawId);
        int id = small;
        if (id < 0 || usedIds.contains(id)) {
            id = targets.size();
            while (usedIds.contains(id)) {
                id++;
            }
        }
        usedIds.add(id);
        targets.add(new TargetInfo(id, -1, id == small ? "" : "target_id=" + rawId, recordedId));
        header = null;
        return id;
    }

    private RecordHeader buildHeader() {
        Map<String, String> props = new HashMap<>();
        props.put(RecordFormat.PROP_SOURCE_FORMAT, sourceFormat);
        if (dataSource != null) {
            props.put("data_source", dataSource);
        }
        if (attributes == null) {
            props.put(RecordFormat.PROP_INTERVALS, "unrecorded");
        }
        if (!anyAge) {
            props.put(RecordFormat.PROP_AGES, RecordFormat.AGES_UNRECORDED);
        }
        return new RecordHeader(RecordFormat.VERSION, "damo", attributes != null ? attributes : Attributes.DAMO_DEFAULTS,
                "unknown", targets, baseNs == Long.MIN_VALUE ? 0 : baseNs, props, snapshotFilters);
    }

    private Snapshot snapshot() throws IOException {
        long start = Long.MIN_VALUE;
        long end = Long.MIN_VALUE;
        regions.clear();
        for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            switch (name) {
                case "start_time" -> start = ns(v);
                case "end_time" -> end = ns(v);
                case "regions" -> {
                    if (v == JsonToken.START_ARRAY) {
                        JsonToken r;
                        while ((r = parser.nextToken()) == JsonToken.START_OBJECT) {
                            region();
                        }
                        if (r != JsonToken.END_ARRAY) {
                            throw new IllegalArgumentException("a region is not a JSON object");
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (start == Long.MIN_VALUE) {
            throw new IllegalArgumentException("no start_time");
        }
        if (end == Long.MIN_VALUE) {
            throw new IllegalArgumentException("no end_time");
        }
        return finishSnapshot(start, end);
    }

    private Snapshot finishSnapshot(long start, long end) {
        if (baseNs == Long.MIN_VALUE) {
            baseNs = start;
            header = null;
        }
        return new Snapshot(start - baseNs, end - baseNs, List.of(regions.snapshot(recordTarget)));
    }

    private void region() throws IOException {
        long start = Long.MIN_VALUE;
        long end = Long.MIN_VALUE;
        boolean hasStart = false;
        boolean hasEnd = false;
        long samples = Long.MIN_VALUE;
        String percent = null;
        long aggrs = Long.MIN_VALUE;
        String usec = null;
        long passed = SnapshotRegions.NO_SIZE;
        for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            switch (name) {
                case "start" -> {
                    start = bytes(v);
                    hasStart = v != JsonToken.VALUE_NULL;
                }
                case "end" -> {
                    end = bytes(v);
                    hasEnd = v != JsonToken.VALUE_NULL;
                }
                case "nr_accesses" -> {
                    if (v == JsonToken.START_OBJECT) {
                        for (JsonToken f = parser.nextToken(); f == JsonToken.PROPERTY_NAME; f = parser.nextToken()) {
                            String field = parser.currentName();
                            JsonToken fv = parser.nextToken();
                            if (field.equals("samples") && fv != JsonToken.VALUE_NULL) {
                                samples = count(fv);
                            } else if (field.equals("percent")) {
                                percent = text(fv, null);
                            } else {
                                parser.skipChildren();
                            }
                        }
                    }
                }
                case "age" -> {
                    if (v == JsonToken.START_OBJECT) {
                        for (JsonToken f = parser.nextToken(); f == JsonToken.PROPERTY_NAME; f = parser.nextToken()) {
                            String field = parser.currentName();
                            JsonToken fv = parser.nextToken();
                            if (field.equals("aggr_intervals") && fv != JsonToken.VALUE_NULL) {
                                aggrs = count(fv);
                            } else if (field.equals("usec")) {
                                usec = text(fv, null);
                            } else {
                                parser.skipChildren();
                            }
                        }
                    }
                }
                case "sz_filter_passed" -> {
                    if (v != JsonToken.VALUE_NULL) {
                        passed = bytes(v);
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (!hasStart) {
            throw new IllegalArgumentException("no start");
        }
        if (!hasEnd) {
            throw new IllegalArgumentException("no end");
        }
        int nr = 0;
        if (samples != Long.MIN_VALUE) {
            nr = (int) samples;
        } else if (percent != null) {
            double maxSamples = (double) recordUnits.aggrUs() / Math.max(recordUnits.sampleUs(), 1);
            nr = (int) (DamoNumbers.percent(percent) * maxSamples / 100);
        }
        int age = 0;
        if (aggrs != Long.MIN_VALUE) {
            age = (int) aggrs;
        } else if (usec != null) {
            age = (int) (DamoNumbers.us(usec) / Math.max(recordUnits.aggrUs(), 1));
        }
        if (!anyAge && (aggrs != Long.MIN_VALUE || usec != null)) {
            anyAge = true;
            header = null;
        }
        regions.add(start, end, nr, age, passed);
    }

    private Attributes intervals() throws IOException {
        String sample = "5000";
        String aggr = "100000";
        String update = "1000000";
        IntervalsGoal goal = IntervalsGoal.OFF;
        for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            switch (name) {
                case "sample_us" -> sample = text(v, sample);
                case "aggr_us" -> aggr = text(v, aggr);
                case "ops_update_us" -> update = text(v, update);
                case "intervals_goal" -> {
                    if (v == JsonToken.START_OBJECT) {
                        goal = goal();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return new Attributes(DamoNumbers.us(sample), DamoNumbers.us(aggr), DamoNumbers.us(update), 10, 1000, goal);
    }

    private IntervalsGoal goal() throws IOException {
        String bp = "0";
        String aggrs = "0";
        String min = "0";
        String max = "0";
        for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            switch (name) {
                case "access_bp" -> bp = text(v, bp);
                case "aggrs" -> aggrs = text(v, aggrs);
                case "min_sample_us" -> min = text(v, min);
                case "max_sample_us" -> max = text(v, max);
                default -> parser.skipChildren();
            }
        }
        return new IntervalsGoal(DamoNumbers.bp(bp), DamoNumbers.nr(aggrs), DamoNumbers.us(min), DamoNumbers.us(max));
    }

    /** A value as damo's parsers see it: strings as they are, numbers in decimal, null as {@code dflt}. */
    private String text(JsonToken v, String dflt) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return dflt;
        }
        if (v == JsonToken.VALUE_NUMBER_INT) {
            return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue().toString() : Long.toString(parser.getLongValue());
        }
        if (v == JsonToken.VALUE_NUMBER_FLOAT) {
            return Double.toString(parser.getDoubleValue());
        }
        if (v == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        parser.skipChildren();
        return dflt;
    }

    /** A count or address: the fast path reads plain (comma-grouped) digits without making a String. */
    private long count(JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        if (v == JsonToken.VALUE_STRING) {
            long d = digits();
            if (d != NOT_DIGITS) {
                return d;
            }
        }
        String s = text(v, null);
        if (s == null) {
            throw new IllegalArgumentException("a number is null");
        }
        return DamoNumbers.nr(s);
    }

    private long bytes(JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            long d = digits();
            if (d != NOT_DIGITS) {
                return d;
            }
            return DamoNumbers.bytes(parser.getString());
        }
        if (v == JsonToken.VALUE_NULL) {
            return 0;
        }
        return count(v);
    }

    private long ns(JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            long d = digits();
            if (d != NOT_DIGITS) {
                return d;
            }
        } else if (v == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        String s = text(v, null);
        if (s == null) {
            throw new IllegalArgumentException("a time is null");
        }
        return DamoNumbers.ns(s);
    }

    private static final long NOT_DIGITS = Long.MIN_VALUE + 1;

    /** The current string as an unsigned 64-bit number if it is 1..20 digits with optional group commas. */
    private long digits() throws IOException {
        char[] c = parser.getStringCharacters();
        int off = parser.getStringOffset();
        int n = parser.getStringLength();
        if (n == 0 || n > 26) {
            return NOT_DIGITS;
        }
        long v = 0;
        int nd = 0;
        for (int i = off; i < off + n; i++) {
            char ch = c[i];
            if (ch >= '0' && ch <= '9') {
                v = v * 10 + (ch - '0');
                nd++;
            } else if (ch != ',' || i == off) {
                return NOT_DIGITS;
            }
        }
        if (nd >= 20) {
            return NOT_DIGITS; // may be above 2^64-1: the slow path checks
        }
        return v;
    }
}
