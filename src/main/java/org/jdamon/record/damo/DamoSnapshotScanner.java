package org.jdamon.record.damo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one snapshot of a damo JSON record straight from its bytes, in the layout damo writes (its
 * members in damo's order, numbers as plain or comma-grouped digits), without a token or String per
 * value and without allocating. Whitespace between tokens may be anything JSON allows. Whatever else it
 * meets (other key orders, unknown keys, escapes, fractions, signs, numbers of 2^63 and more, {@code
 * percent} or {@code usec} values, a non-empty {@code probe_hits}) it does not interpret: it answers
 * {@link #UNEXPECTED} and {@link DamoJsonStream} reads that snapshot with Jackson, so what a file means
 * never depends on its layout; the scanner only makes damo's own layout fast.
 *
 * <p>damo writes every region with the same bytes between its numbers (the keys, the punctuation and the
 * indentation of its depth). The first region after a comma is read token by token and those bytes are
 * kept; each region after it whose bytes between the numbers are the same is then read by comparing them
 * (vectorised {@link Arrays#equals}) and parsing only the numbers, so a region costs a few comparisons
 * instead of some thirty tokens. Any region that differs is read token by token (and learned from, once a
 * snapshot), so the fast path changes speed only, never a value.
 *
 * <p>The values read are those of {@link DamoJsonStream}'s general path for the same text: a string of
 * digits with group commas or a JSON integer is the number; a region without {@code sz_filter_passed}
 * has no filter-passed size; {@code samples} or {@code aggr_intervals} null count as 0.
 */
final class DamoSnapshotScanner {
    /** {@link #scan} ran out of bytes before the snapshot and the comma after it were complete. */
    static final int NEED_MORE = -1;
    /** {@link #scan} met something outside damo's layout; the general path reads from the same start. */
    static final int UNEXPECTED = -2;
    /** {@link #scan} is at the end of the snapshot list. */
    static final int END_OF_LIST = -3;

    private static final long NULL = Long.MIN_VALUE;
    private static final int MAX_DIGITS = 19;
    /** The longest digit string the general path reads without parsing it as a String. */
    private static final int MAX_STRING = 26;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SPACES = 0x2020202020202020L;
    private static final long ZEROS = 0x3030303030303030L;
    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private static final byte[] START_TIME = quoted("start_time");
    private static final byte[] END_TIME = quoted("end_time");
    private static final byte[] REGIONS = quoted("regions");
    private static final byte[] START = quoted("start");
    private static final byte[] END = quoted("end");
    private static final byte[] NR_ACCESSES = quoted("nr_accesses");
    private static final byte[] SAMPLES = quoted("samples");
    private static final byte[] PERCENT = quoted("percent");
    private static final byte[] AGE = quoted("age");
    private static final byte[] USEC = quoted("usec");
    private static final byte[] AGGR_INTERVALS = quoted("aggr_intervals");
    private static final byte[] PROBE_HITS = quoted("probe_hits");
    private static final byte[] SZ_FILTER_PASSED = quoted("sz_filter_passed");
    private static final byte[] NULL_WORD = "null".getBytes(StandardCharsets.US_ASCII);

    /** At most the five numbers of a region: start, end, samples, aggr_intervals, sz_filter_passed. */
    private static final int MAX_REGION_VALUES = 5;

    private final SnapshotRegions regions;
    /**
     * The bytes of a region between its numbers, as the first region after a comma had them: {@code
     * gaps[0]} from that comma to the start number, {@code gaps[k]} from number k-1 to number k, the last
     * from the last number through the region's closing brace; null until learned.
     */
    private byte[][] gaps;
    private int gapValues;
    /** While a region is read for learning, where each of its numbers begins and ends. */
    private boolean recording;
    private final int[] valueStarts = new int[MAX_REGION_VALUES + 1];
    private final int[] valueEnds = new int[MAX_REGION_VALUES + 1];
    private final long[] values = new long[MAX_REGION_VALUES];
    private int recorded;
    private boolean learnedInSnapshot;
    private long regionsByGaps;
    private byte[] b;
    private int p;
    private int lim;
    private boolean ranOut;
    private long value;
    private long startTime;
    private long endTime;
    private boolean anyAge;

    DamoSnapshotScanner(SnapshotRegions regions) {
        this.regions = regions;
    }

    private static byte[] quoted(String key) {
        return ('"' + key + '"').getBytes(StandardCharsets.US_ASCII);
    }

    long startTime() {
        return startTime;
    }

    long endTime() {
        return endTime;
    }

    /** Whether a region of the last snapshot had an age in aggregation intervals. */
    boolean anyAge() {
        return anyAge;
    }

    /**
     * Reads the snapshot that starts at {@code bytes[from]} (after blanks) into the regions: the position
     * after the comma that follows it (or at the {@code ]} that ends the list), or one of {@link
     * #NEED_MORE}, {@link #UNEXPECTED} and {@link #END_OF_LIST}.
     */
    int scan(byte[] bytes, int from, int limit) {
        b = bytes;
        p = from;
        lim = limit;
        ranOut = false;
        anyAge = false;
        learnedInSnapshot = false;
        regions.clear();
        if (!blanks()) {
            return NEED_MORE;
        }
        if (b[p] == ']') {
            return END_OF_LIST;
        }
        if (b[p] != '{') {
            return UNEXPECTED;
        }
        p++;
        if (!key(START_TIME) || !number(false)) {
            return failure();
        }
        startTime = value;
        if (!next(',') || !key(END_TIME) || !number(false)) {
            return failure();
        }
        endTime = value;
        if (!next(',') || !key(REGIONS) || !next('[') || !blanks()) {
            return failure();
        }
        if (b[p] == ']') {
            p++;
        } else {
            if (!region()) {
                return failure();
            }
            while (true) {
                if (gaps != null) {
                    while (likeLearned()) {
                        // the region is added; on to the next
                    }
                }
                if (!blanks()) {
                    return failure();
                }
                byte c = b[p++];
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    return UNEXPECTED;
                }
                // a region the learned gaps did not fit is learned from, once a snapshot
                boolean read = learnedInSnapshot ? region() : learnRegion(p - 1);
                learnedInSnapshot = true;
                if (!read) {
                    return failure();
                }
            }
        }
        while (true) {
            if (!blanks()) {
                return NEED_MORE;
            }
            byte c = b[p++];
            if (c == '}') {
                break;
            }
            if (c != ',' || !otherMember()) {
                return failure();
            }
        }
        if (!blanks()) {
            return NEED_MORE;
        }
        if (b[p] == ',') {
            return p + 1;
        }
        return b[p] == ']' ? p : UNEXPECTED;
    }

    private int failure() {
        return ranOut ? NEED_MORE : UNEXPECTED;
    }

    /**
     * The region after the comma at {@code comma}, read by {@link #region} with its numbers' places
     * noted, so that the bytes between them become {@link #gaps}.
     */
    private boolean learnRegion(int comma) {
        recording = true;
        recorded = 0;
        boolean read = region();
        recording = false;
        if (!read || recorded < 4 || recorded > MAX_REGION_VALUES) {
            return read;
        }
        byte[][] learned = new byte[recorded + 1][];
        int from = comma;
        for (int k = 0; k < recorded; k++) {
            learned[k] = Arrays.copyOfRange(b, from, valueStarts[k]);
            from = valueEnds[k];
        }
        learned[recorded] = Arrays.copyOfRange(b, from, p);
        gapValues = recorded;
        gaps = learned;
        return true;
    }

    /**
     * The next region (from the comma before it) if its bytes between the numbers are the learned ones:
     * then the general path would read exactly these tokens, and only the numbers are left to read, each
     * as {@link #number} reads it (start and end not null, the rest nullable). Otherwise false with
     * nothing consumed, for the general path.
     */
    private boolean likeLearned() {
        int at = p;
        boolean ranOutBefore = ranOut;
        for (int k = 0; ; k++) {
            byte[] gap = gaps[k];
            int to = p + gap.length;
            if (to > lim || !Arrays.equals(b, p, to, gap, 0, gap.length)) {
                p = at;
                return false;
            }
            p = to;
            if (k == gapValues) {
                break;
            }
            if (!numberToken(k >= 2)) {
                p = at;
                ranOut = ranOutBefore;
                return false;
            }
            values[k] = value;
        }
        long passed = gapValues < MAX_REGION_VALUES || values[4] == NULL ? SnapshotRegions.NO_SIZE : values[4];
        addRegion(values[0], values[1], values[2], values[3], passed);
        regionsByGaps++;
        return true;
    }

    /** Regions read by {@link #likeLearned} so far (a snapshot scanned again after more bytes counts again). */
    long regionsByGaps() {
        return regionsByGaps;
    }

    private boolean region() {
        if (!next('{') || !key(START) || !number(false)) {
            return false;
        }
        long start = value;
        if (!next(',') || !key(END) || !number(false)) {
            return false;
        }
        long end = value;
        if (!next(',') || !key(NR_ACCESSES) || !next('{') || !key(SAMPLES) || !number(true)) {
            return false;
        }
        long samples = value;
        if (!next(',') || !key(PERCENT) || !word(NULL_WORD) || !next('}')) {
            return false;
        }
        if (!next(',') || !key(AGE) || !next('{') || !key(USEC) || !word(NULL_WORD)) {
            return false;
        }
        if (!next(',') || !key(AGGR_INTERVALS) || !number(true) || !next('}')) {
            return false;
        }
        long aggrs = value;
        long passed = SnapshotRegions.NO_SIZE;
        if (!blanks()) {
            return false;
        }
        if (b[p] == ',') {
            p++;
            if (!blanks()) {
                return false;
            }
            int probe = match(PROBE_HITS);
            if (probe < 0) {
                return false;
            }
            if (probe > 0) {
                if (!next(':') || !next('[') || !next(']') || !blanks()) {
                    return false;
                }
                if (b[p] == ',') {
                    p++;
                } else if (b[p] == '}') {
                    p++;
                    addRegion(start, end, samples, aggrs, passed);
                    return true;
                } else {
                    return false;
                }
            }
            if (!key(SZ_FILTER_PASSED) || !number(true)) {
                return false;
            }
            passed = value == NULL ? SnapshotRegions.NO_SIZE : value;
        }
        if (!next('}')) {
            return false;
        }
        addRegion(start, end, samples, aggrs, passed);
        return true;
    }

    private void addRegion(long start, long end, long samples, long aggrs, long passed) {
        anyAge |= aggrs != NULL;
        regions.add(start, end, samples == NULL ? 0 : (int) samples, aggrs == NULL ? 0 : (int) aggrs, passed);
    }

    /** A member after the regions with a null, string or integer value (damo's total_bytes and the like). */
    private boolean otherMember() {
        if (!next('"')) {
            return false;
        }
        int nameStart = p;
        if (!plainString()) {
            return false;
        }
        int nameLength = p - 1 - nameStart;
        if (is(nameStart - 1, START_TIME, nameLength) || is(nameStart - 1, END_TIME, nameLength)
                || is(nameStart - 1, REGIONS, nameLength)) {
            return false;
        }
        if (!next(':') || !blanks()) {
            return false;
        }
        byte c = b[p];
        if (c == 'n') {
            return word(NULL_WORD);
        }
        if (c == '"') {
            p++;
            return plainString();
        }
        if (c == '-') {
            p++;
            if (p == lim) {
                ranOut = true;
                return false;
            }
            if (b[p] < '0' || b[p] > '9') {
                return false;
            }
        }
        return number(false);
    }

    /** Whether the quoted name at {@code at} with {@code length} bytes inside the quotes is {@code key}. */
    private boolean is(int at, byte[] key, int length) {
        if (length != key.length - 2) {
            return false;
        }
        for (int i = 1; i <= length; i++) {
            if (b[at + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    /** Past the closing quote of a string of printable ASCII without escapes (after its opening quote). */
    private boolean plainString() {
        while (p < lim) {
            byte c = b[p++];
            if (c == '"') {
                return true;
            }
            if (c == '\\' || c < 0x20) {
                return false;
            }
        }
        ranOut = true;
        return false;
    }

    /**
     * Skips JSON whitespace; false (and ran out) if no byte follows it within the window. Eight bytes at
     * a time: damo's indentation is runs of spaces after line breaks.
     */
    private boolean blanks() {
        while (p + 8 <= lim) {
            long x = (long) LONGS.get(b, p) ^ SPACES;
            if (x == 0) {
                p += 8;
                continue;
            }
            p += Long.numberOfTrailingZeros(x) >>> 3;
            byte c = b[p];
            if (c != '\n' && c != '\r' && c != '\t') {
                return true;
            }
            p++;
        }
        while (p < lim) {
            byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return true;
            }
            p++;
        }
        ranOut = true;
        return false;
    }

    private boolean next(char c) {
        if (!blanks()) {
            return false;
        }
        if (b[p] != c) {
            return false;
        }
        p++;
        return true;
    }

    /** The quoted key and the colon after it. */
    private boolean key(byte[] quotedKey) {
        return blanks() && match(quotedKey) > 0 && next(':');
    }

    /** 1 and past {@code word} if the bytes at the position are it, 0 if not, -1 if the window ends first. */
    private int match(byte[] word) {
        int n = word.length;
        if (p + n > lim) {
            ranOut = true;
            return -1;
        }
        if (n >= 8) {
            // eight bytes at a time, the last eight overlapping the ones before if need be
            for (int i = 0; i < n - 8; i += 8) {
                if ((long) LONGS.get(b, p + i) != (long) LONGS.get(word, i)) {
                    return 0;
                }
            }
            if ((long) LONGS.get(b, p + n - 8) != (long) LONGS.get(word, n - 8)) {
                return 0;
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (b[p + i] != word[i]) {
                    return 0;
                }
            }
        }
        p += n;
        return 1;
    }

    private boolean word(byte[] word) {
        return blanks() && match(word) > 0;
    }

    /**
     * A number into {@link #value}: a JSON integer or a string of digits (the first a digit, group commas
     * after it) below 2^63, or null ({@link #NULL}) if {@code nullable}.
     */
    private boolean number(boolean nullable) {
        if (!blanks()) {
            return false;
        }
        if (!recording) {
            return numberToken(nullable);
        }
        int at = p;
        if (!numberToken(nullable)) {
            return false;
        }
        if (recorded < valueStarts.length) {
            valueStarts[recorded] = at;
            valueEnds[recorded] = p;
        }
        recorded++;
        return true;
    }

    /** {@link #number} without the blanks before it. */
    private boolean numberToken(boolean nullable) {
        if (p >= lim) {
            ranOut = true;
            return false;
        }
        byte c = b[p];
        if (c == 'n') {
            if (!nullable || match(NULL_WORD) <= 0) {
                return false;
            }
            value = NULL;
            return true;
        }
        boolean quoted = c == '"';
        if (quoted) {
            p++;
        }
        int start = p;
        if (start + 16 <= lim) {
            // up to 15 digits eight at a time, ended as the loop below would end them; else that loop
            long x = (long) LONGS.get(b, start) ^ ZEROS;
            int n = digitRun(x);
            long fast;
            int run;
            if (n < 8) {
                fast = n == 0 ? 0 : eightDigits(x << (8 * (8 - n)));
                run = n;
            } else {
                long y = (long) LONGS.get(b, start + 8) ^ ZEROS;
                int m = digitRun(y);
                run = 8 + m;
                fast = m == 0 ? eightDigits(x) : m == 8 ? -1 : eightDigits(x) * POW10[m] + eightDigits(y << (8 * (8 - m)));
            }
            byte t = b[start + run];
            if (run > 0 && fast >= 0 && (quoted ? t == '"'
                    : t != '.' && t != 'e' && t != 'E' && (run == 1 || b[start] != '0'))) {
                p = start + run + (quoted ? 1 : 0);
                value = fast;
                return true;
            }
        }
        long v = 0;
        int digits = 0;
        while (true) {
            if (p == lim) {
                ranOut = true;
                return false;
            }
            c = b[p];
            if (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
                digits++;
            } else if (c != ',' || !quoted || p == start) {
                break;
            }
            p++;
        }
        if (digits == 0 || digits > MAX_DIGITS || v < 0) {
            return false;
        }
        if (quoted) {
            if (c != '"' || p - start > MAX_STRING) {
                return false;
            }
            p++;
        } else if (c == '.' || c == 'e' || c == 'E' || (b[start] == '0' && digits > 1)) {
            return false;
        }
        value = v;
        return true;
    }

    /**
     * How many of the eight bytes in {@code x} (each XOR '0', the first in the lowest byte) are digits
     * before the first that is not: a digit is 0-9 there, and adding 0x76 sets the high bit of any other
     * byte (a carry out of a non-digit only reaches the bytes after it).
     */
    private static int digitRun(long x) {
        long nonDigits = (x | (x + 0x7676767676767676L)) & 0x8080808080808080L;
        return nonDigits == 0 ? 8 : Long.numberOfTrailingZeros(nonDigits) >>> 3;
    }

    /** The number that eight digit values (0-9, the most significant in the lowest byte) spell. */
    private static long eightDigits(long x) {
        x = (x * 10 + (x >>> 8)) & 0x00FF00FF00FF00FFL;
        x = (x * 100 + (x >>> 16)) & 0x0000FFFF0000FFFFL;
        return (x * 10_000 + (x >>> 32)) & 0xFFFFFFFFL;
    }
}
