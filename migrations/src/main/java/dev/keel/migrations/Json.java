package dev.keel.migrations;

import java.util.List;
import java.util.stream.Collectors;

/** The little JSON the commands print; small enough not to need a library. */
public final class Json {

    private Json() {
    }

    static String status(String current, long pending, List<Migrations.Status> rows) {
        return "{\"current\":" + string(current) + ",\"pending\":" + pending + ",\"migrations\":["
                + rows.stream().map(row -> "{\"version\":" + string(row.version())
                        + ",\"description\":" + string(row.description())
                        + ",\"state\":" + string(row.state())
                        + ",\"checksum\":" + string(row.checksum())
                        + ",\"undo\":" + row.undo()
                        + ",\"installedOn\":" + string(row.installedOn()) + "}")
                .collect(Collectors.joining(","))
                + "]}";
    }

    public static String string(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
