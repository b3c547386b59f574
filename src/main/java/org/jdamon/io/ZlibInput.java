package org.jdamon.io;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Inflates a zlib stream (damo's {@code json_compressed}): with Intel's ISA-L ({@code libisal.so.2}, Debian's
 * {@code libisal2}) where it is installed, else with {@link InflaterInputStream}. ISA-L inflates about twice
 * as fast as zlib, and inflating is the floor of reading a long damo record (one deflate stream, so one
 * core). The two give the same bytes and the same errors: a truncated stream ends in {@link EOFException}
 * ("Unexpected end of ZLIB input stream", Java's message) after every byte before the cut, a corrupt one
 * in {@link ZipException}; ISA-L checks the zlib header and the Adler-32 of the output itself.
 *
 * <p>The binding reads and writes five fields of ISA-L's {@code struct inflate_state} at the offsets of
 * ISA-L 2.30's header ({@code igzip_lib.h}; 2.x has kept them). Before first use it inflates a stream
 * made by {@link Deflater} and a copy with a wrong checksum, and it is used only if the first gives the
 * original bytes and the second fails; otherwise (another layout, no library, no native access) Java's
 * inflater is used and {@link #nativeUnavailableReason()} says why. {@code -Djdamon.inflater=java}
 * forces Java's.
 */
public final class ZlibInput {
    private ZlibInput() {}

    private static final long STATE_SIZE = 87_368;
    private static final long NEXT_OUT = 0;
    private static final long AVAIL_OUT = 8;
    private static final long NEXT_IN = 16;
    private static final long AVAIL_IN = 32;
    private static final long BLOCK_STATE = 21_160;
    private static final long CRC_FLAG = 21_172;
    private static final int ISAL_ZLIB = 3;
    private static final int ISAL_BLOCK_FINISH = 5;
    private static final int IN_BUFFER = 1 << 16;
    private static final int OUT_BUFFER = 1 << 18;

    /**
     * Streams shorter than this are inflated by Java's zlib whatever is installed: linking ISA-L and its
     * self-test take about 50 ms of a report's start with the launcher's AOT cache (150 ms without), and it
     * saves about 17 ms per compressed MB (an hour's 480 MB: 4.3 s against 12.7 s), so below a few MB it
     * costs more than it saves. The launcher's AOT cache is trained on a 0.96 MB record, above this.
     */
    public static final long NATIVE_FROM_BYTES = 512 << 10;

    /** The inflater of {@code compressed}: ISA-L's when available, else Java's; closing it closes {@code compressed}. */
    public static InputStream open(InputStream compressed) {
        return Isal.REASON == null ? new IsalStream(compressed) : java(compressed);
    }

    /** {@link #open(InputStream)} for a stream of {@code compressedBytes}: Java's below {@link #NATIVE_FROM_BYTES}. */
    public static InputStream open(InputStream compressed, long compressedBytes) {
        return compressedBytes < NATIVE_FROM_BYTES ? java(compressed) : open(compressed);
    }

    private static InputStream java(InputStream compressed) {
        return new InflaterInputStream(compressed, new Inflater(), 1 << 16);
    }

    /** Null when {@link #open} uses ISA-L, else why not (for diagnostics and benchmarks). */
    public static String nativeUnavailableReason() {
        return Isal.REASON;
    }

    /** The library's functions, looked up and checked once. */
    private static final class Isal {
        static final MethodHandle INIT;
        static final MethodHandle INFLATE;
        static final String REASON;

        static {
            MethodHandle init = null;
            MethodHandle inflate = null;
            String reason;
            if ("java".equals(System.getProperty("jdamon.inflater"))) {
                reason = "-Djdamon.inflater=java";
            } else {
                try {
                    SymbolLookup lib = SymbolLookup.libraryLookup("libisal.so.2", Arena.global());
                    Linker linker = Linker.nativeLinker();
                    init = linker.downcallHandle(lib.findOrThrow("isal_inflate_init"),
                            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
                    inflate = linker.downcallHandle(lib.findOrThrow("isal_inflate"),
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
                    reason = null;
                } catch (IllegalArgumentException | IllegalCallerException | UnsupportedOperationException
                        | java.util.NoSuchElementException e) {
                    reason = "libisal.so.2 not loadable (" + e.getMessage() + ")";
                }
            }
            INIT = init;
            INFLATE = inflate;
            REASON = reason == null ? selfTest() : reason;
        }

        /** Null if ISA-L, driven through the offsets above, inflates a known stream and rejects a bad checksum. */
        private static String selfTest() {
            // larger than the output buffer, so a full buffer and a second call are part of the check: a
            // 4 KiB block of literals and short matches, tiled with each tile's first bytes changed. (It
            // runs at every start, before the JIT: a per-byte loop over all of it cost tens of ms.)
            byte[] original = new byte[OUT_BUFFER + 4096];
            Random random = new Random(42);
            int block = 4096;
            for (int i = 0; i < block; i++) {
                original[i] = (byte) (i % 97 < 60 ? 'a' + random.nextInt(4) : random.nextInt(256));
            }
            for (int at = block, tile = 1; at < original.length; at += block, tile++) {
                System.arraycopy(original, 0, original, at, Math.min(block, original.length - at));
                original[at] = (byte) tile;
                original[at + 1] = (byte) (tile >>> 8);
            }
            Deflater deflater = new Deflater(1);
            deflater.setInput(original);
            deflater.finish();
            byte[] compressed = new byte[original.length + 1024];
            int length = deflater.deflate(compressed);
            deflater.end();
            compressed = Arrays.copyOf(compressed, length);
            try {
                byte[] back = new IsalStream(new ByteArrayInputStream(compressed)).readAllBytes();
                if (!Arrays.equals(back, original)) {
                    return "libisal.so.2 gave other bytes than zlib (another struct inflate_state layout?)";
                }
            } catch (IOException | RuntimeException e) {
                return "libisal.so.2 failed on a zlib stream (" + e.getMessage() + ")";
            }
            compressed[compressed.length - 1] ^= 1;
            try {
                new IsalStream(new ByteArrayInputStream(compressed)).readAllBytes();
                return "libisal.so.2 did not check the zlib checksum (another struct inflate_state layout?)";
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** A zlib stream inflated by ISA-L between two native buffers. */
    private static final class IsalStream extends InputStream {
        private final InputStream source;
        private final Arena arena = Arena.ofShared();
        private final MemorySegment state;
        private final MemorySegment in;
        private final MemorySegment out;
        private final byte[] inHeap = new byte[IN_BUFFER];
        private final byte[] one = new byte[1];
        private long outPos;
        private long outLimit;
        private boolean sourceEnded;
        private boolean finished;
        private boolean closed;

        IsalStream(InputStream source) {
            this.source = source;
            state = arena.allocate(STATE_SIZE, 64);
            in = arena.allocate(IN_BUFFER, 64);
            out = arena.allocate(OUT_BUFFER, 64);
            try {
                Isal.INIT.invokeExact(state);
            } catch (Throwable t) {
                arena.close();
                throw new IllegalStateException("isal_inflate_init: " + t, t);
            }
            state.set(ValueLayout.JAVA_INT, CRC_FLAG, ISAL_ZLIB);
            state.set(ValueLayout.ADDRESS, NEXT_IN, in);
            state.set(ValueLayout.JAVA_INT, AVAIL_IN, 0);
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (closed) {
                throw new IOException("Stream closed");
            }
            if (len == 0) {
                return 0;
            }
            while (outPos == outLimit) {
                if (finished) {
                    return -1;
                }
                inflateMore();
            }
            int n = (int) Math.min(len, outLimit - outPos);
            MemorySegment.copy(out, ValueLayout.JAVA_BYTE, outPos, b, off, n);
            outPos += n;
            return n;
        }

        /** Fills the output buffer from the start with what the input gives, reading the source as needed. */
        private void inflateMore() throws IOException {
            outPos = 0;
            outLimit = 0;
            state.set(ValueLayout.ADDRESS, NEXT_OUT, out);
            state.set(ValueLayout.JAVA_INT, AVAIL_OUT, OUT_BUFFER);
            while (true) {
                if (state.get(ValueLayout.JAVA_INT, AVAIL_IN) == 0 && !sourceEnded) {
                    int n = source.read(inHeap, 0, IN_BUFFER);
                    if (n < 0) {
                        sourceEnded = true;
                    } else {
                        MemorySegment.copy(inHeap, 0, in, ValueLayout.JAVA_BYTE, 0, n);
                        state.set(ValueLayout.ADDRESS, NEXT_IN, in);
                        state.set(ValueLayout.JAVA_INT, AVAIL_IN, n);
                    }
                }
                int availInBefore = state.get(ValueLayout.JAVA_INT, AVAIL_IN);
                long outBefore = outLimit;
                int rc;
                try {
                    rc = (int) Isal.INFLATE.invokeExact(state);
                } catch (Throwable t) {
                    throw new IOException("isal_inflate: " + t, t);
                }
                if (rc < 0) {
                    throw new ZipException(rc == -6 ? "incorrect data check" : "invalid zlib data (ISA-L error " + rc + ")");
                }
                outLimit = OUT_BUFFER - Integer.toUnsignedLong(state.get(ValueLayout.JAVA_INT, AVAIL_OUT));
                if (state.get(ValueLayout.JAVA_INT, BLOCK_STATE) == ISAL_BLOCK_FINISH) {
                    finished = true;
                    return;
                }
                if (outLimit == OUT_BUFFER) {
                    return;
                }
                if (availInBefore != 0 && state.get(ValueLayout.JAVA_INT, AVAIL_IN) == availInBefore
                        && outLimit == outBefore) {
                    throw new ZipException("invalid zlib data (ISA-L made no progress)");
                }
                if (sourceEnded && state.get(ValueLayout.JAVA_INT, AVAIL_IN) == 0) {
                    if (outLimit > 0) {
                        return;
                    }
                    throw new EOFException("Unexpected end of ZLIB input stream");
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                arena.close();
                source.close();
            }
        }
    }
}
