package org.jdamon.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jdamon.core.Units;
import org.jdamon.profile.Profile;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;

/**
 * The profile timeline picture: the working set size over time on top (bytes of regions accessed at
 * least once per snapshot, as damo's {@code report wss}), the time windows matching the report's filters
 * shaded, and below it a flame chart of the most frequent call stack per time bucket ({@link FlameBand}),
 * outermost frame on top, each function in its own colour and named where it fits, so a jump in the
 * working set lines up with the functions that ran then.
 */
public final class ProfileTimeline {
    public static final int DEFAULT_WIDTH = 1000;
    static final int LEFT = 84;
    static final int RIGHT = 20;
    static final int TOP = 36;
    static final int WSS_HEIGHT = 220;
    static final int GAP = 44;
    static final int ROW = 18;
    static final int BOTTOM = 40;
    static final int BUCKET_PX = 4;
    static final int MIN_SAMPLES_PER_BUCKET = 4;
    private static final Color AXIS = new Color(0x202020);
    private static final Color GRID = new Color(0xE0E0E0);
    private static final Color LINE = new Color(0x1F77B4);
    private static final Color WINDOW = new Color(0xFFF2B3);

    private ProfileTimeline() {}

    /** What the picture shows: its time span, per-snapshot WSS of one target, and the stack band. */
    public record Layout(long startNs, long endNs, long[] snapshotStartNs, long[] snapshotEndNs, long[] wss, FlameBand band,
            List<TimeWindow> windows) {}

    public static Layout layout(Recording rec, int targetId, Profile profile, List<TimeWindow> windows, int width,
            int maxRows) {
        List<Snapshot> snaps = rec.snapshots();
        long start = snaps.isEmpty() ? 0 : snaps.getFirst().startNs();
        long end = snaps.isEmpty() ? 1 : snaps.getLast().endNs();
        if (!profile.isEmpty()) {
            start = Math.min(start, Math.max(0, profile.samples().getFirst().timeNs()));
            end = Math.max(end, profile.samples().getLast().timeNs() + 1);
        }
        long[] starts = new long[snaps.size()];
        long[] ends = new long[snaps.size()];
        long[] wss = new long[snaps.size()];
        for (int i = 0; i < snaps.size(); i++) {
            starts[i] = snaps.get(i).startNs();
            ends[i] = snaps.get(i).endNs();
            TargetSnapshot t = snaps.get(i).target(targetId);
            if (t != null) {
                for (int r = 0; r < t.size(); r++) {
                    if (t.nrAccesses()[r] >= 1) {
                        wss[i] += t.regionSize(r);
                    }
                }
            }
        }
        // at most one bucket per BUCKET_PX pixels, and about MIN_SAMPLES_PER_BUCKET samples per bucket so a
        // steady phase does not break into gaps between samples
        int buckets = Math.max(1, Math.min((width - LEFT - RIGHT) / BUCKET_PX,
                profile.samples().size() / MIN_SAMPLES_PER_BUCKET));
        return new Layout(start, end, starts, ends, wss, FlameBand.of(profile, start, end, buckets, maxRows), windows);
    }

    public static int height(Layout l) {
        return TOP + WSS_HEIGHT + GAP + Math.max(1, l.band().rows()) * ROW + BOTTOM;
    }

    public static BufferedImage draw(Layout l, String title, int width) {
        int height = height(l);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int plotW = width - LEFT - RIGHT;
        double span = l.endNs() - l.startNs();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(AXIS);
        centered(g, title, width / 2, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));

        // windows matching the filters, shaded across both panels
        int bandTop = TOP + WSS_HEIGHT + GAP;
        int bandH = Math.max(1, l.band().rows()) * ROW;
        g.setColor(WINDOW);
        for (TimeWindow w : l.windows()) {
            int x0 = LEFT + (int) Math.round((w.startNs() - l.startNs()) / span * plotW);
            int x1 = LEFT + (int) Math.round((w.endNs() - l.startNs()) / span * plotW);
            g.fillRect(x0, TOP, Math.max(1, x1 - x0), WSS_HEIGHT);
            g.fillRect(x0, bandTop, Math.max(1, x1 - x0), bandH);
        }

        // WSS panel
        long maxWss = 1;
        for (long v : l.wss()) {
            maxWss = Math.max(maxWss, v);
        }
        g.setColor(AXIS);
        for (int k = 0; k <= 4; k++) {
            int y = TOP + WSS_HEIGHT - k * WSS_HEIGHT / 4;
            g.setColor(GRID);
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(AXIS);
            rightAligned(g, Units.formatSize(maxWss * k / 4), LEFT - 6, y + 4);
        }
        if (l.wss().length > 0) {
            Path2D.Double path = new Path2D.Double();
            // steps: each snapshot's WSS holds over its aggregation window
            for (int i = 0; i < l.wss().length; i++) {
                double x0 = LEFT + (l.snapshotStartNs()[i] - l.startNs()) / span * plotW;
                double x1 = LEFT + (l.snapshotEndNs()[i] - l.startNs()) / span * plotW;
                double y = TOP + WSS_HEIGHT - (double) l.wss()[i] / maxWss * WSS_HEIGHT;
                if (i == 0) {
                    path.moveTo(x0, y);
                } else {
                    path.lineTo(x0, y);
                }
                path.lineTo(x1, y);
            }
            g.setColor(LINE);
            g.setStroke(new BasicStroke(1.5f));
            g.draw(path);
            g.setStroke(new BasicStroke(1f));
        }
        g.setColor(AXIS);
        g.drawRect(LEFT, TOP, plotW, WSS_HEIGHT);
        g.rotate(-Math.PI / 2);
        centered(g, "working set size", -(TOP + WSS_HEIGHT / 2), 16);
        g.rotate(Math.PI / 2);
        g.drawString("most frequent call stack per " + bucketText(span / l.band().buckets())
                + " (outermost frame on top)", LEFT, bandTop - 8);

        // stack band
        int buckets = l.band().buckets();
        FontMetrics fm = g.getFontMetrics();
        for (FlameBand.Cell c : l.band().cells()) {
            int x0 = LEFT + (int) Math.round((double) c.fromBucket() / buckets * plotW);
            int x1 = LEFT + (int) Math.round((double) c.toBucket() / buckets * plotW);
            int y = bandTop + c.row() * ROW;
            g.setColor(new Color(colorOf(c.frame())));
            g.fillRect(x0, y, Math.max(1, x1 - x0), ROW - 1);
            String label = fitted(c.frame(), x1 - x0 - 4, fm);
            if (!label.isEmpty()) {
                g.setColor(AXIS);
                g.drawString(label, x0 + 2, y + ROW - 5);
            }
        }
        g.setColor(AXIS);
        g.drawRect(LEFT, bandTop, plotW, bandH);
        if (l.band().cells().isEmpty()) {
            centered(g, "no call-stack samples", LEFT + plotW / 2, bandTop + bandH / 2 + 4);
        }

        // time axis
        int axisY = bandTop + bandH;
        for (int k = 0; k <= 8; k++) {
            int x = LEFT + k * plotW / 8;
            double t = (l.startNs() + span * k / 8) / 1e9;
            g.drawLine(x, axisY, x, axisY + 4);
            centered(g, String.format(Locale.ROOT, "%.2f s", t), x, axisY + 17);
        }
        centered(g, "time since record start", LEFT + plotW / 2, axisY + 33);
        g.dispose();
        return img;
    }

    public static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A stable light colour per function name (flame-graph warm hues). */
    static int colorOf(String frame) {
        int h = frame.hashCode() * 0x9E3779B1;
        int r = 205 + ((h >>> 8) & 0x31);
        int gr = 100 + ((h >>> 16) & 0x7F);
        int b = 40 + ((h >>> 24) & 0x3F);
        return (Math.min(255, r) << 16) | (gr << 8) | b;
    }

    private static String bucketText(double ns) {
        return Units.formatDurationUs(Math.max(1, Math.round(ns / 1000)));
    }

    private static String fitted(String s, int px, FontMetrics fm) {
        if (fm.stringWidth(s) <= px) {
            return s;
        }
        int dot = s.lastIndexOf('.');
        String shortName = dot > 0 && dot < s.length() - 1 ? s.substring(dot + 1) : s;
        if (fm.stringWidth(shortName) <= px) {
            return shortName;
        }
        return "";
    }

    private static void centered(Graphics2D g, String s, int x, int y) {
        g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, y);
    }

    private static void rightAligned(Graphics2D g, String s, int x, int y) {
        g.drawString(s, x - g.getFontMetrics().stringWidth(s), y);
    }
}
