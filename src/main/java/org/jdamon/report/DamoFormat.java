package org.jdamon.report;

/**
 * damo's report layout around the numbers: column padding and what its pager helper prints. The numbers
 * themselves (sizes, counts, times, ratios in damo's forms) are {@link org.jdamon.core.Units}'s
 * {@code damo*} styles.
 */
public final class DamoFormat {
    private DamoFormat() {}

    /** {@code s} followed by spaces up to {@code width} columns (damo's {@code '%-Ns'}). */
    static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Spaces up to {@code width} columns, then {@code s} (damo's {@code '%Ns'}). */
    static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** Lines damo assumes a screen has when its output is not a terminal. */
    static final int DAMO_SCREEN_LINES = 50;

    /**
     * What damo writes for a report whose text ({@code lines}, ending in a newline) goes through its
     * pager helper with stdout not a terminal: up to 50 line breaks it prints the text with its newline,
     * beyond that it hands the text to {@code less}, which copies it without the final newline.
     */
    public static String asDamoPagerPrints(String lines) {
        if (!lines.endsWith("\n")) {
            return lines;
        }
        String text = lines.substring(0, lines.length() - 1);
        long breaks = text.chars().filter(c -> c == '\n').count();
        return breaks <= DAMO_SCREEN_LINES ? lines : text;
    }

    /**
     * {@link #asDamoPagerPrints} for text written piece by piece (a streamed report): the last newline is
     * held back until {@link #finish} knows how many lines there were.
     */
    public static final class PagerOutput implements Appendable {
        private final Appendable out;
        private boolean heldNewline;
        private long breaks;

        public PagerOutput(Appendable out) {
            this.out = out;
        }

        @Override
        public Appendable append(CharSequence cs) throws java.io.IOException {
            int n = cs.length();
            if (n == 0) {
                return this;
            }
            if (heldNewline) {
                out.append('\n');
                heldNewline = false;
            }
            for (int i = 0; i < n; i++) {
                if (cs.charAt(i) == '\n') {
                    breaks++;
                }
            }
            if (cs.charAt(n - 1) == '\n') {
                out.append(cs, 0, n - 1);
                heldNewline = true;
            } else {
                out.append(cs);
            }
            return this;
        }

        @Override
        public Appendable append(CharSequence cs, int start, int end) throws java.io.IOException {
            return append(cs.subSequence(start, end));
        }

        @Override
        public Appendable append(char c) throws java.io.IOException {
            return append(String.valueOf(c));
        }

        /** Writes the held-back newline if damo would. */
        public void finish() throws java.io.IOException {
            if (heldNewline && breaks - 1 <= DAMO_SCREEN_LINES) {
                out.append('\n');
            }
            heldNewline = false;
        }
    }
}
