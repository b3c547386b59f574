package org.jdamon.report.site;

import org.jdamon.markup.Html;

/**
 * An extra section of a record's page, supplied by another report (for example {@code eval}'s accuracy
 * tables): a title and an HTML fragment, inserted as is. {@link Html} helps build safe tables.
 */
public interface SiteSection {
    String title();

    String html();

    static SiteSection of(String title, String html) {
        return new SiteSection() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public String html() {
                return html;
            }
        };
    }
}
