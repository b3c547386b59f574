package org.jdamon.profile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdamon.record.SideData;

/**
 * Stores a {@link Profile} inside a record as {@link SideData} chunks of kind {@value #KIND}. Each chunk
 * is self-contained and compact: a frame table (each distinct frame string once), a thread table, a stack
 * table (each distinct stack once, as frame indices) and the samples as (time delta, thread index, stack
 * index) varints. Layout: version byte 1, source, frames, threads, stacks, samples; counts and indices are
 * unsigned LEB128, time deltas zig-zag LEB128 from the chunk's {@code timeNs}.
 */
public final class ProfileCodec {
    public static final String KIND = "profile.stacks";
    static final int VERSION = 1;
    static final int DEFAULT_SAMPLES_PER_CHUNK = 8192;

    private ProfileCodec() {}

    public static List<SideData> encode(Profile profile) {
        return encode(profile, DEFAULT_SAMPLES_PER_CHUNK);
    }

    /** One chunk per {@code samplesPerChunk} samples (at least one chunk, even for an empty profile). */
    public static List<SideData> encode(Profile profile, int samplesPerChunk) {
        List<StackSample> all = profile.samples();
        List<SideData> out = new ArrayList<>();
        int from = 0;
        do {
            int to = Math.min(all.size(), from + Math.max(1, samplesPerChunk));
            out.add(encodeChunk(profile.source(), all.subList(from, to)));
            from = to;
        } while (from < all.size());
        return out;
    }

    private static SideData encodeChunk(String source, List<StackSample> samples) {
        Map<String, Integer> frameIds = new HashMap<>();
        Map<String, Integer> threadIds = new HashMap<>();
        Map<List<String>, Integer> stackIds = new HashMap<>();
        List<List<String>> stacks = new ArrayList<>();
        for (StackSample s : samples) {
            threadIds.putIfAbsent(s.thread(), threadIds.size());
            if (stackIds.putIfAbsent(s.frames(), stackIds.size()) == null) {
                stacks.add(s.frames());
                for (String f : s.frames()) {
                    frameIds.putIfAbsent(f, frameIds.size());
                }
            }
        }
        long base = samples.isEmpty() ? 0 : samples.getFirst().timeNs();
        Bytes b = new Bytes();
        b.out.write(VERSION);
        b.string(source);
        b.stringTable(frameIds);
        b.stringTable(threadIds);
        b.varint(stacks.size());
        for (List<String> stack : stacks) {
            b.varint(stack.size());
            for (String f : stack) {
                b.varint(frameIds.get(f));
            }
        }
        b.varint(samples.size());
        long prev = base;
        for (StackSample s : samples) {
            b.zigzag(s.timeNs() - prev);
            prev = s.timeNs();
            b.varint(threadIds.get(s.thread()));
            b.varint(stackIds.get(s.frames()));
        }
        return new SideData(KIND, base, b.out.toByteArray());
    }

    public static Profile decode(SideData chunk) {
        if (!KIND.equals(chunk.kind())) {
            throw new IllegalArgumentException("not a profile chunk: " + chunk.kind());
        }
        Reader r = new Reader(chunk.payload());
        int version = r.u8();
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported profile chunk version " + version);
        }
        String source = r.string();
        String[] frames = r.stringTable();
        String[] threads = r.stringTable();
        int nStacks = r.count();
        List<List<String>> stacks = new ArrayList<>(nStacks);
        for (int i = 0; i < nStacks; i++) {
            int depth = r.count();
            String[] st = new String[depth];
            for (int d = 0; d < depth; d++) {
                st[d] = frames[r.index(frames.length)];
            }
            stacks.add(List.of(st));
        }
        int n = r.count();
        List<StackSample> samples = new ArrayList<>(n);
        long t = chunk.timeNs();
        for (int i = 0; i < n; i++) {
            t += r.zigzag();
            String thread = threads[r.index(threads.length)];
            samples.add(new StackSample(t, thread, stacks.get(r.index(nStacks))));
        }
        return new Profile(source, samples);
    }

    /** All profile chunks of a record's side data merged into one profile (empty if there are none). */
    public static Profile decodeAll(List<SideData> sideData) {
        Profile p = null;
        for (SideData sd : sideData) {
            if (KIND.equals(sd.kind())) {
                Profile chunk = decode(sd);
                p = p == null ? chunk : p.plus(chunk);
            }
        }
        return p == null ? Profile.empty("none") : p;
    }

    /** Byte sink with the varint and string encodings used by jdamon's side-data payloads. */
    static final class Bytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        void zigzag(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        void string(String s) {
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            varint(u.length);
            out.writeBytes(u);
        }

        void stringTable(Map<String, Integer> ids) {
            String[] byId = new String[ids.size()];
            ids.forEach((s, id) -> byId[id] = s);
            varint(byId.length);
            for (String s : byId) {
                string(s);
            }
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** The reading side of {@link Bytes}; malformed input is an {@link IllegalArgumentException}. */
    static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        int u8() {
            if (pos >= buf.length) {
                throw new IllegalArgumentException("truncated side data at byte " + pos);
            }
            return buf[pos++] & 0xFF;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint too long at byte " + pos);
        }

        long zigzag() {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        /** A count that must fit in the remaining bytes (each element takes at least one byte). */
        int count() {
            long n = varint();
            if (n < 0 || n > buf.length - pos) {
                throw new IllegalArgumentException("bad count " + n + " at byte " + pos);
            }
            return (int) n;
        }

        int index(int bound) {
            long i = varint();
            if (i < 0 || i >= bound) {
                throw new IllegalArgumentException("index " + i + " out of range " + bound + " at byte " + pos);
            }
            return (int) i;
        }

        String string() {
            int n = count();
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        String[] stringTable() {
            String[] t = new String[count()];
            for (int i = 0; i < t.length; i++) {
                t[i] = string();
            }
            return t;
        }

        boolean atEnd() {
            return pos == buf.length;
        }
    }
}
