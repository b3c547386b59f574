package org.jdamon.report;

import java.util.Locale;
import org.jdamon.core.Units;
import org.jdamon.report.heatmap.HeatmapGrid;

/**
 * damo's terminal heatmap: one row per time cell, one column per address cell, each a digit 0-9 of the
 * cell's access frequency relative to the map's hottest cell (blank where there is no data), optionally
 * coloured with ANSI 256-colour backgrounds, followed by damo's comment lines.
 */
public final class TerminalHeatmap {
    private TerminalHeatmap() {}

    /** damo's {@code --stdout_colorset} palettes, as xterm-256 colour numbers for digits 0..9. */
    public enum ColorSet {
        GRAY(new int[] {235, 237, 239, 241, 243, 245, 247, 249, 251, 253}),
        FLAME(new int[] {16, 52, 88, 124, 160, 196, 202, 208, 214, 226}),
        EMOTION(new int[] {17, 19, 21, 27, 33, 39, 45, 118, 190, 226});

        private final int[] codes;

        ColorSet(int[] codes) {
            this.codes = codes;
        }

        public int code(int digit) {
            return codes[digit];
        }
    }

    /** The digit 0..9 of {@code heat} on a scale whose 9 is {@code maxHeat}, or -1 for no data. */
    public static int digit(float heat, float maxHeat) {
        if (Float.isNaN(heat)) {
            return -1;
        }
        if (maxHeat <= 0) {
            return 0;
        }
        return Math.min(9, (int) (heat / maxHeat * 10));
    }

    /** The map and its comment lines; {@code colors} null for plain digits. */
    public static String render(HeatmapGrid g, ColorSet colors, String heatUnit) {
        StringBuilder sb = new StringBuilder((g.addrCells() + 16) * (g.timeCells() + 5));
        for (int t = 0; t < g.timeCells(); t++) {
            int prev = -2;
            for (int a = 0; a < g.addrCells(); a++) {
                int d = digit(g.heat(t, a), g.maxHeat());
                if (colors != null && d != prev) {
                    sb.append(d < 0 ? "\033[0m" : ansi(colors, d));
                    prev = d;
                }
                sb.append(d < 0 ? ' ' : (char) ('0' + d));
            }
            if (colors != null) {
                sb.append("\033[0m");
            }
            sb.append('\n');
        }
        sb.append("# access_frequency:");
        for (int d = 0; d <= 9; d++) {
            sb.append(' ');
            if (colors != null) {
                sb.append(ansi(colors, d)).append(d).append("\033[0m");
            } else {
                sb.append(d);
            }
        }
        sb.append(String.format(Locale.ROOT, " (9 = %.2f %s, blank = no data)%n", g.maxHeat(), heatUnit));
        sb.append(String.format(Locale.ROOT, "# x-axis: space [0x%x, 0x%x) (%s)%n", g.addrStart(), g.addrEnd(),
                Units.formatSize(g.addrEnd() - g.addrStart())));
        sb.append(String.format(Locale.ROOT, "# y-axis: time [%s, %s) (%s)%n",
                Units.formatDurationUs(g.timeStartNs() / 1000), Units.formatDurationUs(g.timeEndNs() / 1000),
                Units.formatDurationUs((g.timeEndNs() - g.timeStartNs()) / 1000)));
        sb.append(String.format(Locale.ROOT, "# resolution: %dx%d (%s and %s for each character)%n",
                g.addrCells(), g.timeCells(), Units.formatSize((long) g.bytesPerCell()),
                Units.formatDurationUs((long) (g.nsPerCell() / 1000))));
        return sb.toString();
    }

    private static String ansi(ColorSet c, int digit) {
        int code = c.code(digit);
        int fg = digit >= 6 ? 16 : 255;
        return "\033[38;5;" + fg + ";48;5;" + code + "m";
    }
}
