package dev.keel.bootstrap.fuzz;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operation does to its resource, read from the shape of its path and its method alone,
 * so a new aggregate that follows the API's conventions (docs/api.md) is fuzzed without new code.
 */
enum OperationKind {
    LIST,
    CREATE,
    READ,
    UPDATE,
    ARCHIVE,
    /** {@code POST /things/{id}/verb}: a state change such as restore. */
    ACTION,
    /** {@code PUT /things/{id}/part}: a sub-resource whose body is bytes, such as an attachment. */
    PUT_PART,
    GET_PART,
    OTHER;

    private static final Pattern SHAPE =
            Pattern.compile("(?<collection>/[^{}]*[^/{}])(?<item>/\\{[^}/]+})?(?<part>/[^{}/]+)?");

    static OperationKind of(String method, String path) {
        Matcher shape = SHAPE.matcher(path);
        if (!shape.matches()) {
            return OTHER;
        }
        boolean item = shape.group("item") != null;
        boolean part = shape.group("part") != null;
        return switch (method) {
            case "GET" -> !item ? LIST : part ? GET_PART : READ;
            case "POST" -> !item ? CREATE : part ? ACTION : OTHER;
            case "PATCH" -> item && !part ? UPDATE : OTHER;
            case "PUT" -> item && part ? PUT_PART : item ? UPDATE : OTHER;
            case "DELETE" -> item && !part ? ARCHIVE : OTHER;
            default -> OTHER;
        };
    }

    /** {@code /api/things} for {@code /api/things/{id}/restore}. */
    static String collectionOf(String path) {
        int item = path.indexOf("/{");
        return item < 0 ? path : path.substring(0, item);
    }

    boolean changesState() {
        return this == CREATE || this == UPDATE || this == ARCHIVE || this == ACTION || this == PUT_PART;
    }
}
