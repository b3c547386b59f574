package org.jdamon.report.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.jdamon.markup.Html;
import org.jdamon.profile.Profile;
import org.jdamon.profile.ProfileCodec;
import org.jdamon.record.Recording;
import org.jdamon.record.TargetInfo;
import org.jdamon.report.profile.ProfileReport;
import org.jdamon.report.profile.ProfileTimeline;
import org.jdamon.report.TimeWindow;

/**
 * The call-stack part of the pages: in a record's site page, the profile timeline of each target and the
 * hottest code of the whole record; as a standalone page ({@code report profile --timeline FILE.html}),
 * the timeline inlined, the matching windows and the report text.
 */
public final class ProfileSection {
    static final int TOP = 15;
    static final int STACKS = 5;

    private ProfileSection() {}

    /**
     * Writes {@code profile.t<target>.png} into {@code dir} and returns the section's HTML, or an empty
     * string when the record holds no call stacks.
     */
    public static String forRecord(Recording rec, Path dir) throws IOException {
        Profile profile = ProfileCodec.decodeAll(rec.sideData());
        if (profile.isEmpty() || rec.snapshots().isEmpty()) {
            return "";
        }
        long end = rec.snapshots().getLast().endNs();
        TimeWindow all = new TimeWindow(Math.min(0, profile.samples().getFirst().timeNs()),
                Math.max(end, profile.samples().getLast().timeNs() + 1));
        StringBuilder sb = new StringBuilder("<h2>Call stacks</h2>\n<p class=\"muted\">Working set size (top) and the "
                + "most frequent call stack per time bucket (bottom), from the record's " + Html.escape(profile.source())
                + " samples.</p>\n");
        for (TargetInfo t : rec.header().targets()) {
            String file = "profile.t" + t.id() + ".png";
            ProfileTimeline.Layout l = ProfileTimeline.layout(rec, t.id(), profile, List.of(),
                    SiteGenerator.HEATMAP_WIDTH, 12);
            Files.write(dir.resolve(file), ProfileTimeline.png(l, "target " + t.id() + ": working set size and call "
                    + "stacks", SiteGenerator.HEATMAP_WIDTH));
            sb.append("<figure><img src=\"").append(file).append("\" alt=\"call stacks of target ").append(t.id())
                    .append("\"><figcaption>target ").append(t.id()).append("</figcaption></figure>\n");
        }
        sb.append("<h3>Hottest code over the whole record</h3>\n<pre>")
                .append(Html.escape(ProfileReport.text(profile, List.of(all), end, TOP, STACKS))).append("</pre>\n");
        return sb.toString();
    }

    /** A self-contained page: the timeline PNG inlined, the matching windows and the report text. */
    public static String page(String title, byte[] png, List<TimeWindow> windows, String reportText) {
        StringBuilder sb = new StringBuilder();
        sb.append("<figure><img alt=\"working set size and call stacks over time\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png))
                .append("\"><figcaption>Working set size (top) and the most frequent call stack per time bucket "
                        + "(bottom); shaded: the windows matching the filters.</figcaption></figure>\n");
        sb.append("<h2>Matching time windows (s)</h2>\n<pre>");
        if (windows.isEmpty()) {
            sb.append("(none)\n");
        }
        for (TimeWindow w : windows) {
            sb.append(w.toSecondsText()).append('\n');
        }
        sb.append("</pre>\n<h2>Hottest code in those windows</h2>\n<pre>").append(Html.escape(reportText))
                .append("</pre>\n");
        return Html.page(title, "<h1>" + Html.escape(title) + "</h1>", sb.toString(), Html.ZOOM_SCRIPT);
    }
}
