package dev.keel.tools.migration;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which migrations are Keel's and which are the team's, so the two never collide when a fork takes
 * Keel's new migrations (make template-sync copies them in). Keel's own migrations have a version at
 * midnight, {@code yyyyMMdd000000}, and a name starting {@code keel_} (the first,
 * {@code V20261122000000__keel_conventions.sql}, already did). The team's never use either: every
 * command that writes a version skips midnight, and a name starting {@code keel_} is refused.
 *
 * <p>A Keel migration taken later may sort before migrations the fork has already applied; every
 * route that applies migrations applies such a Keel migration anyway, and only Keel's.
 */
public final class KeelRange {

    /** How the name of each of Keel's own migrations starts. */
    public static final String PREFIX = "keel_";

    /** The time of day of every one of Keel's versions: yyyyMMdd then 000000. */
    private static final Pattern RESERVED = Pattern.compile("\\d{8}000000");

    private KeelRange() {}

    /** Whether {@code version} (yyyyMMddHHmmss) is at midnight, the versions reserved for Keel's migrations. */
    public static boolean reserved(String version) {
        return RESERVED.matcher(version).matches();
    }

    /** Whether {@code name} (the part after {@code __}, without .sql) is reserved for Keel's migrations. */
    public static boolean keelName(String name) {
        return name.startsWith(PREFIX);
    }

    /** Whether the migration {@code version}, {@code name} is one of Keel's own: both marks, never only one. */
    public static boolean keels(String version, String name) {
        return reserved(version) && keelName(name);
    }

    /** Whether Flyway's script name (such as {@code V20261122000000__keel_conventions.sql}) is Keel's. */
    public static boolean keelsScript(String script) {
        if (script == null) {
            return false;
        }
        // Not Path.of: a baseline's script is "<< Flyway Baseline >>", which is no path on every system.
        String file = script.substring(Math.max(script.lastIndexOf('/'), script.lastIndexOf('\\')) + 1);
        return file.length() > 17
                && file.charAt(0) == 'V'
                && file.startsWith("__", 15)
                && keels(file.substring(1, 15), file.substring(17));
    }

    /**
     * What is wrong with a migration or undo file's version and name, naming the file and the fix; empty
     * when it is Keel's (both marks) or the team's (neither).
     */
    public static Optional<String> problem(Path file, String version, String name) {
        if (keelName(name) && !reserved(version)) {
            return Optional.of(file + ": the prefix " + PREFIX + " is reserved for Keel's own migrations, whose "
                    + "versions are at midnight (yyyyMMdd000000), and " + version + " is not. Yours: rename it and its "
                    + "undo without the prefix (such as " + teamFile(file, version, withoutPrefix(name))
                    + "). Keel's: take it unchanged from Keel (make template-sync).");
        }
        if (reserved(version) && !keelName(name)) {
            return Optional.of(
                    file + ": version " + version + " is at midnight (yyyyMMdd000000), which is reserved "
                            + "for Keel's own migrations (named " + PREFIX + "...). Give it another version: make "
                            + "migrate-rebase for this branch's own, or rename it and its undo to "
                            + teamFile(file, teamVersion(version), name)
                            + " (a database that ran it: make migrate-down-to first). make migrate-create never picks midnight.");
        }
        return Optional.empty();
    }

    /** {@code version} if the team may use it, else the second after it: never midnight. */
    public static String teamVersion(String version) {
        if (!reserved(version)) {
            return version;
        }
        return version.substring(0, 13) + "1";
    }

    /** {@code time} if the team may use it as a version, else the second after it: never midnight. */
    public static LocalDateTime teamTime(LocalDateTime time) {
        return time.toLocalTime().withNano(0).equals(LocalTime.MIDNIGHT) ? time.plusSeconds(1) : time;
    }

    /** Refuses a new migration of the team's named like Keel's own. */
    public static void requireTeamName(String name) {
        if (keelName(name)) {
            throw new MigrationException("'" + name + "' starts with " + PREFIX + ", which is reserved for Keel's own "
                    + "migrations (they reach a fork with make template-sync); name yours without it, such as '"
                    + withoutPrefix(name) + "'.");
        }
    }

    private static String withoutPrefix(String name) {
        String rest = name.substring(PREFIX.length());
        return rest.isEmpty() ? "add_something" : rest;
    }

    private static String teamFile(Path file, String version, String name) {
        String kind = file.getFileName().toString().substring(0, 1);
        return kind + version + "__" + name + ".sql";
    }
}
