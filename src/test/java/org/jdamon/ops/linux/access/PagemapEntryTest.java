package org.jdamon.ops.linux.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jdamon.ops.linux.access.PagemapEntry;
import org.jdamon.ops.linux.procfs.Fixtures;
import org.junit.jupiter.api.Test;

/** Entries read as root from a bash process's pagemap on this host; decoded by hand below. */
class PagemapEntryTest {
    private static long[] entries(String name) {
        ByteBuffer b = ByteBuffer.wrap(Fixtures.bytes(name)).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[b.remaining() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }

    @Test
    void stackPages() {
        // Top 8 pages of [stack] from 0x7ffd65d1e000: 0, 0, 0x810000000017f20d, 0x810000000016bd29,
        // 0x810000000016c736, 0x8000000000121f59, 0x8000000000116530, 0x80000000001227fc.
        long[] e = entries("bash-stack-top8.pagemap");
        assertThat(e).hasSize(8);
        assertThat(PagemapEntry.present(e[0])).isFalse();
        assertThat(PagemapEntry.swapped(e[0])).isFalse();
        assertThat(PagemapEntry.pfn(e[1])).isZero();
        // 0x81... = bit 63 (present) + bit 56 (exclusive); PFN = low 55 bits.
        assertThat(PagemapEntry.present(e[2])).isTrue();
        assertThat(PagemapEntry.exclusive(e[2])).isTrue();
        assertThat(PagemapEntry.fileOrSharedAnon(e[2])).isFalse();
        assertThat(PagemapEntry.softDirty(e[2])).isFalse();
        assertThat(PagemapEntry.pfn(e[2])).isEqualTo(0x17f20dL);
        // 0x80... = present only: shared with the parent shell after fork (not exclusive).
        assertThat(PagemapEntry.exclusive(e[5])).isFalse();
        assertThat(PagemapEntry.pfn(e[5])).isEqualTo(0x121f59L);
        assertThat(PagemapEntry.pfn(e[7])).isEqualTo(0x1227fcL);
    }

    @Test
    void fileBackedTextPages() {
        // First 4 pages of bash's r-xp mapping: 0xa000000000106eec..ef = present + bit 61 (file page).
        long[] e = entries("bash-text-first4.pagemap");
        for (int i = 0; i < 4; i++) {
            assertThat(PagemapEntry.present(e[i])).isTrue();
            assertThat(PagemapEntry.fileOrSharedAnon(e[i])).isTrue();
            assertThat(PagemapEntry.pfn(e[i])).isEqualTo(0x106eecL + i);
        }
        assertThat(PagemapEntry.describe(e[0])).isEqualTo("present pfn=0x106eec file/shared");
    }

    @Test
    void softDirtyAndSwapBits() {
        long softDirtyPresent = (1L << 63) | (1L << 55) | 0x1234;
        assertThat(PagemapEntry.softDirty(softDirtyPresent)).isTrue();
        assertThat(PagemapEntry.pfn(softDirtyPresent)).isEqualTo(0x1234);
        long swappedEntry = (1L << 62) | (1L << 55) | 0x5_0001; // swap type/offset, not a PFN
        assertThat(PagemapEntry.present(swappedEntry)).isFalse();
        assertThat(PagemapEntry.swapped(swappedEntry)).isTrue();
        assertThat(PagemapEntry.pfn(swappedEntry)).isZero();
        assertThat(PagemapEntry.softDirty(swappedEntry)).isTrue();
    }
}
