package org.jdamon.report;

import java.util.Base64;
import java.util.List;

/**
 * The profile timeline as an HTML fragment or page: the timeline PNG inlined (so the page is one
 * self-contained file, usable as a site section), the matching time windows, and the profile report text.
 */
public final class ProfileTimelinePage {
    private ProfileTimelinePage() {}

    public static String fragment(byte[] png, List<TimeWindow> windows, String reportText) {
        StringBuilder sb = new StringBuilder();
        sb.append("<figure><img alt=\"working set size and call stacks over time\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png))
                .append("\"><figcaption>Working set size (top) and the most frequent call stack per time bucket "
                        + "(bottom); shaded: the windows matching the filters.</figcaption></figure>\n");
        sb.append("<h3>Matching time windows (s)</h3>\n<pre>");
        if (windows.isEmpty()) {
            sb.append("(none)\n");
        }
        for (TimeWindow w : windows) {
            sb.append(w.toSecondsText()).append('\n');
        }
        sb.append("</pre>\n<h3>Hottest code in those windows</h3>\n<pre>").append(escape(reportText)).append("</pre>\n");
        return sb.toString();
    }

    public static String page(String title, String fragment) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>body{font-family:sans-serif;margin:2em;max-width:1100px}"
                + "img{max-width:100%;border:1px solid #ccc}pre{background:#f6f6f6;padding:.6em;overflow-x:auto}"
                + "figcaption{color:#555;font-size:90%}</style></head><body>\n<h1>" + escape(title) + "</h1>\n"
                + fragment + "</body></html>\n";
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
