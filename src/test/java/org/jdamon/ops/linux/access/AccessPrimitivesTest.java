package org.jdamon.ops.linux.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.jdamon.ops.linux.access.AccessPrimitive;
import org.jdamon.ops.linux.access.AccessPrimitives;
import org.jdamon.ops.linux.access.PageIdle;
import org.jdamon.ops.linux.access.SoftDirty;
import org.jdamon.ops.linux.syscall.LinuxSupportException;
import org.junit.jupiter.api.Test;

/**
 * The probes must agree with independent evidence about this kernel: the page_idle bitmap file and the
 * kernel's own build configuration ({@code /proc/config.gz}).
 */
class AccessPrimitivesTest {
    private static String kernelConfig() throws IOException {
        Path cfg = Path.of("/proc/config.gz");
        assumeTrue(Files.isReadable(cfg), "no /proc/config.gz to compare with");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(cfg))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean root() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    @Test
    void pageIdleProbeFollowsTheBitmapFile() throws IOException {
        AccessPrimitives.Probe p = AccessPrimitives.probePageIdle();
        boolean bitmap = Files.exists(PageIdle.BITMAP);
        if (!bitmap) {
            assertThat(p.available()).isFalse();
            assertThat(p.detail()).contains("CONFIG_IDLE_PAGE_TRACKING");
        } else if (root()) {
            assertThat(p.available()).as(p.detail()).isTrue();
        }
        assertThat(kernelConfig().contains("\nCONFIG_IDLE_PAGE_TRACKING=y")).isEqualTo(bitmap);
    }

    @Test
    void softDirtyProbeFollowsTheKernelConfig() throws IOException {
        boolean configured = kernelConfig().contains("\nCONFIG_MEM_SOFT_DIRTY=y");
        AccessPrimitives.Probe p = AccessPrimitives.probeSoftDirty();
        assertThat(p.available()).as(p.detail()).isEqualTo(configured);
        if (!configured) {
            assertThat(p.detail()).contains("CONFIG_MEM_SOFT_DIRTY");
        }
    }

    @Test
    void autoSelectionPicksWhatTheProbesFoundOrSaysWhatIsMissing() {
        boolean idle = AccessPrimitives.probePageIdle().available();
        boolean softDirty = AccessPrimitives.probeSoftDirty().available();
        if (idle) {
            assertThat(AccessPrimitives.select("auto", false).name()).isEqualTo("page-idle");
        } else if (softDirty) {
            AccessPrimitive p = AccessPrimitives.select("auto", false);
            assertThat(p.name()).isEqualTo("soft-dirty");
            assertThat(p.description()).isEqualTo("soft-dirty (writes only)");
        } else {
            assertThatThrownBy(() -> AccessPrimitives.select("auto", false))
                    .isInstanceOf(LinuxSupportException.class)
                    .hasMessageContaining("CONFIG_IDLE_PAGE_TRACKING")
                    .hasMessageContaining("CONFIG_MEM_SOFT_DIRTY")
                    .hasMessageContaining("jdamon record --kernel");
        }
        if (!idle) {
            assertThatThrownBy(() -> AccessPrimitives.select("page-idle", false))
                    .hasMessageStartingWith("access primitive page-idle unavailable");
        }
    }

    @Test
    void physicalMemoryHasNoSoftDirtyBits() {
        assertThatThrownBy(() -> AccessPrimitives.select("soft-dirty", true))
                .isInstanceOf(LinuxSupportException.class)
                .hasMessageContaining("CONFIG_IDLE_PAGE_TRACKING");
    }

    @Test
    void unknownPrimitiveIsAUsageError() {
        assertThatThrownBy(() -> AccessPrimitives.select("pebs", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected auto, page-idle or soft-dirty");
    }

    @Test
    void onlyTheWriteOnlyProcessWidePrimitiveCarriesACaveat() {
        AccessPrimitive softDirty = new SoftDirty(4096);
        assertThat(softDirty.detectsReads()).isFalse();
        assertThat(softDirty.caveat()).contains("writes only").contains("write-protects the whole process")
                .contains("record --kernel");
        AccessPrimitive pageIdle = new PageIdle(4096);
        assertThat(pageIdle.detectsReads()).isTrue();
        assertThat(pageIdle.caveat()).isNull();
    }
}
