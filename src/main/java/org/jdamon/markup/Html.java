package org.jdamon.markup;

import java.util.List;

/** Small HTML helpers for the site and the dashboard: escaping, tables, the shared inline style. */
public final class Html {
    private Html() {}

    public static String escape(String s) {
        return org.jdamon.markup.Xml.escape(s);
    }

    /** A table with a header row; cells are escaped. */
    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("<table><thead><tr>");
        for (String h : header) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            for (String c : r) {
                sb.append("<td>").append(escape(c)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    public static final String STYLE = """
            body{font-family:system-ui,-apple-system,"DejaVu Sans",sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
            header{background:#1d1d1f;color:#fff;padding:12px 24px}header a{color:#ffd54f;text-decoration:none}
            main{padding:16px 24px;max-width:1100px}
            h1{font-size:22px;margin:0}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
            table{border-collapse:collapse;margin:8px 0;font-size:14px}
            th,td{border:1px solid #ddd;padding:4px 10px;text-align:left}th{background:#f0f0f0}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            figure{margin:12px 0;display:inline-block;vertical-align:top}
            figure img{max-width:100%;border:1px solid #ddd;background:#fff;cursor:zoom-in}
            figure img.zoomed{position:fixed;top:2vh;left:2vw;max-width:96vw;max-height:96vh;z-index:9;cursor:zoom-out;box-shadow:0 0 0 100vmax rgba(0,0,0,.6)}
            figcaption{font-size:13px;color:#555}
            img.thumb{width:240px;border:1px solid #ddd;background:#fff;vertical-align:middle}
            .muted{color:#777}.warn{color:#b00020}
            .stat{display:inline-block;margin:0 24px 8px 0}.stat b{display:block;font-size:22px}
            """;

    /** Click an image to see it full size; click again to close. */
    public static final String ZOOM_SCRIPT = """
            document.addEventListener('click', function (e) {
              var t = e.target;
              if (t && t.tagName === 'IMG' && t.closest('figure')) { t.classList.toggle('zoomed'); }
            });
            """;

    public static String page(String title, String headerHtml, String body, String script) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<link rel=\"icon\" href=\"data:,\">"
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style></head>\n<body><header>"
                + headerHtml + "</header>\n<main>\n" + body + "</main>\n"
                + (script == null ? "" : "<script>" + script + "</script>\n") + "</body></html>\n";
    }
}
