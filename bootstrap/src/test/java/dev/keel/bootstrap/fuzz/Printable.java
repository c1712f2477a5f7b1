package dev.keel.bootstrap.fuzz;

/** Text fit for a failure report: control and invisible characters escaped, long values cut with their length. */
final class Printable {

    private Printable() {}

    static String of(String value, int max) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(max).forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x202e || c == 0xfffd) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (value.codePointCount(0, value.length()) > max) {
            out.append("…(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
