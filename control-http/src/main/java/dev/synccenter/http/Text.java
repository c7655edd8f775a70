package dev.synccenter.http;

/** Text from a caller, made safe to quote in an error message or a log line. */
final class Text {

    static final int MAX_QUOTED = 80;

    private Text() {
    }

    /** Control characters shown as \\uXXXX and the text cut to {@value #MAX_QUOTED} characters. */
    static String clean(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < MAX_QUOTED; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return s.length() > MAX_QUOTED ? b + "…" : b.toString();
    }
}
