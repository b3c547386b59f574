package org.jdamon.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdamon.record.ChunkDecoder;
import org.jdamon.record.ChunkEncoder;
import org.jdamon.record.MalformedChunkException;
import org.jdamon.record.SideData;

/**
 * Stores a {@link Profile} inside a record as {@link SideData} chunks of kind {@value #KIND}. Each chunk
 * is self-contained and compact: a frame table (each distinct frame string once), a thread table, a stack
 * table (each distinct stack once, as frame indices) and the samples as (time delta, thread index, stack
 * index) varints. Layout: version byte 1, source, frames, threads, stacks, samples; counts and indices are
 * unsigned LEB128, time deltas zig-zag LEB128 from the chunk's {@code timeNs} (the record format's
 * {@link ChunkEncoder} encodings). Damaged payloads are {@link IllegalArgumentException}s.
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
        ChunkEncoder b = new ChunkEncoder();
        b.putByte(VERSION);
        b.putString(source);
        putStringTable(b, frameIds);
        putStringTable(b, threadIds);
        b.putVarLong(stacks.size());
        for (List<String> stack : stacks) {
            b.putVarLong(stack.size());
            for (String f : stack) {
                b.putVarLong(frameIds.get(f));
            }
        }
        b.putVarLong(samples.size());
        long prev = base;
        for (StackSample s : samples) {
            b.putZigZag(s.timeNs() - prev);
            prev = s.timeNs();
            b.putVarLong(threadIds.get(s.thread()));
            b.putVarLong(stackIds.get(s.frames()));
        }
        return new SideData(KIND, base, bytes(b));
    }

    public static Profile decode(SideData chunk) {
        if (!KIND.equals(chunk.kind())) {
            throw new IllegalArgumentException("not a profile chunk: " + chunk.kind());
        }
        try {
            return decodePayload(chunk);
        } catch (MalformedChunkException e) {
            throw new IllegalArgumentException("damaged profile chunk: " + e.getMessage(), e);
        }
    }

    private static Profile decodePayload(SideData chunk) {
        ChunkDecoder r = new ChunkDecoder(chunk.payload(), 0, chunk.payload().length);
        int version = r.getByte();
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported profile chunk version " + version);
        }
        String source = r.getString();
        String[] frames = getStringTable(r);
        String[] threads = getStringTable(r);
        int nStacks = r.getCount(1);
        List<List<String>> stacks = new ArrayList<>(nStacks);
        for (int i = 0; i < nStacks; i++) {
            int depth = r.getCount(1);
            String[] st = new String[depth];
            for (int d = 0; d < depth; d++) {
                st[d] = frames[getIndex(r, frames.length)];
            }
            stacks.add(List.of(st));
        }
        int n = r.getCount(3);
        List<StackSample> samples = new ArrayList<>(n);
        long t = chunk.timeNs();
        for (int i = 0; i < n; i++) {
            t += r.getZigZag();
            String thread = threads[getIndex(r, threads.length)];
            samples.add(new StackSample(t, thread, stacks.get(getIndex(r, nStacks))));
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

    static void putStringTable(ChunkEncoder b, Map<String, Integer> ids) {
        String[] byId = new String[ids.size()];
        ids.forEach((str, id) -> byId[id] = str);
        b.putVarLong(byId.length);
        for (String str : byId) {
            b.putString(str);
        }
    }

    static String[] getStringTable(ChunkDecoder r) {
        String[] t = new String[r.getCount(1)];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.getString();
        }
        return t;
    }

    /** An index below {@code bound}. */
    static int getIndex(ChunkDecoder r, int bound) {
        long i = r.getVarLong();
        if (i < 0 || i >= bound) {
            throw new IllegalArgumentException("index " + i + " out of range " + bound);
        }
        return (int) i;
    }

    static byte[] bytes(ChunkEncoder b) {
        return java.util.Arrays.copyOf(b.array(), b.length());
    }
}
