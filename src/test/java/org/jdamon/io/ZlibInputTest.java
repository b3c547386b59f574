package org.jdamon.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

/**
 * {@link ZlibInput} against Java's own zlib: streams made by {@link Deflater} at every level and of every
 * kind of content come back byte for byte, through reads of any size; a cut stream gives every byte Java's
 * inflater gives before the cut and then the same {@link EOFException}; a flipped byte fails as it does.
 * The ISA-L cases run where {@code libisal.so.2} is installed ({@code scripts/install-test-deps.sh}).
 */
class ZlibInputTest {
    private static boolean isal() {
        return ZlibInput.nativeUnavailableReason() == null;
    }

    private static byte[] deflate(byte[] data, int level) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, new Deflater(level))) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static final String LINE = "        \"start\": \"140737488355328\",\n";

    /** Text like damo's records, random bytes (stored blocks at level 0 and where deflate gives up) and runs. */
    private static byte[] content(int size, long seed) {
        Random random = new Random(seed);
        byte[] out = new byte[size];
        for (int i = 0; i < size; ) {
            int kind = random.nextInt(3);
            int run = Math.min(size - i, 1 + random.nextInt(70_000));
            for (int j = 0; j < run; j++, i++) {
                out[i] = switch (kind) {
                    case 0 -> (byte) LINE.charAt(j % LINE.length());
                    case 1 -> (byte) random.nextInt(256);
                    default -> (byte) 'x';
                };
            }
        }
        return out;
    }

    /** Everything {@code in} yields, read {@code step} bytes at a time, then the failure that ended it, if any. */
    private static String readAll(InputStream in, int step, ByteArrayOutputStream got) {
        byte[] buf = new byte[step];
        try (in) {
            for (int n; (n = in.read(buf, 0, step)) >= 0; ) {
                got.write(buf, 0, n);
            }
            return "end";
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    @Test
    void theLibraryIsUsedWhereInstalledAndSaysWhyNotElsewhere() {
        boolean installed = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libisal.so.2"));
        assertThat(isal()).as(String.valueOf(ZlibInput.nativeUnavailableReason())).isEqualTo(installed);
        if (!installed) {
            assertThat(ZlibInput.nativeUnavailableReason()).contains("libisal.so.2");
        }
    }

    @Test
    void aShortStreamIsInflatedByJavasZlibAndALongOneAsWithoutItsSize() throws IOException {
        byte[] data = content(300_001, 5);
        byte[] z = deflate(data, 6);
        InputStream shortOne = ZlibInput.open(new ByteArrayInputStream(z), ZlibInput.NATIVE_FROM_BYTES - 1);
        assertThat(shortOne).isInstanceOf(InflaterInputStream.class);
        assertThat(Arrays.equals(shortOne.readAllBytes(), data)).isTrue();
        InputStream longOne = ZlibInput.open(new ByteArrayInputStream(z), ZlibInput.NATIVE_FROM_BYTES);
        assertThat(longOne.getClass()).isEqualTo(ZlibInput.open(new ByteArrayInputStream(z)).getClass());
        assertThat(longOne instanceof InflaterInputStream).isEqualTo(!isal());
        assertThat(Arrays.equals(longOne.readAllBytes(), data)).isTrue();
    }

    @Test
    void streamsOfEveryLevelAndContentComeBackByteForByte() throws IOException {
        assumeThat(isal()).as("libisal.so.2 installed").isTrue();
        for (int level : new int[] {0, 1, 6, 9}) {
            for (int size : new int[] {0, 1, 4095, 300_001, 2_500_000}) {
                byte[] data = content(size, level * 31L + size);
                byte[] z = deflate(data, level);
                for (int step : new int[] {1 << 20, 7}) {
                    if (step == 7 && size > 300_001) {
                        continue;
                    }
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    String end = readAll(ZlibInput.open(new ByteArrayInputStream(z)), step, got);
                    assertThat(end).isEqualTo("end");
                    assertThat(Arrays.equals(got.toByteArray(), data)).as("level %d, %d bytes, reads of %d", level, size, step)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void aCutStreamGivesWhatJavasInflaterGivesThenTheSameError() throws IOException {
        assumeThat(isal()).as("libisal.so.2 installed").isTrue();
        byte[] data = content(600_000, 7);
        byte[] z = deflate(data, 6);
        for (int cut : new int[] {0, 1, 2, 3, z.length / 3, z.length / 2, z.length - 5, z.length - 4, z.length - 1}) {
            byte[] head = Arrays.copyOf(z, cut);
            ByteArrayOutputStream java = new ByteArrayOutputStream();
            String javaEnd = readAll(new InflaterInputStream(new ByteArrayInputStream(head)), 1 << 16, java);
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            String ourEnd = readAll(ZlibInput.open(new ByteArrayInputStream(head)), 1 << 16, ours);
            assertThat(ourEnd).as("cut at %d", cut).isEqualTo(javaEnd).isEqualTo("EOFException");
            // Java's inflater may hold back up to its buffer's worth; what ours gives is a prefix of the data
            byte[] got = ours.toByteArray();
            assertThat(got.length).as("cut at %d", cut).isGreaterThanOrEqualTo(java.size());
            assertThat(Arrays.equals(got, 0, got.length, data, 0, got.length)).isTrue();
        }
        assertThatThrownBy(() -> ZlibInput.open(new ByteArrayInputStream(Arrays.copyOf(z, z.length / 2))).readAllBytes())
                .isInstanceOf(EOFException.class).hasMessage("Unexpected end of ZLIB input stream");
    }

    @Test
    void corruptStreamsFailAsJavasDo() throws IOException {
        assumeThat(isal()).as("libisal.so.2 installed").isTrue();
        byte[] z = deflate(content(200_000, 3), 6);
        byte[] badChecksum = z.clone();
        badChecksum[z.length - 2] ^= 0x10;
        byte[] badHeader = z.clone();
        badHeader[0] = 0x79;
        for (byte[] bad : new byte[][] {badChecksum, badHeader}) {
            assertThatThrownBy(() -> new InflaterInputStream(new ByteArrayInputStream(bad)).readAllBytes())
                    .isInstanceOf(ZipException.class);
            assertThatThrownBy(() -> ZlibInput.open(new ByteArrayInputStream(bad)).readAllBytes())
                    .isInstanceOf(ZipException.class);
        }
        assertThatThrownBy(() -> ZlibInput.open(new ByteArrayInputStream(badChecksum)).readAllBytes())
                .hasMessage("incorrect data check");
    }

    @Test
    void aClosedStreamClosesItsSourceAndRefusesReads() throws IOException {
        boolean[] closed = {false};
        InputStream source = new ByteArrayInputStream(deflate(new byte[10], 6)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        InputStream in = ZlibInput.open(source);
        in.close();
        assertThat(closed[0]).isTrue();
        assertThatThrownBy(() -> in.read(new byte[4], 0, 4)).isInstanceOf(IOException.class);
    }
}
