package dev.keel.migrations;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's built-in placeholders (written dollar, brace, flyway:name, brace), resolved the way
 * Flyway resolves them when it runs a migration, so a preview shows the SQL that will run.
 * Keel configures no placeholders of its own; any other name is an error, as it is for Flyway.
 */
record Placeholders(String defaultSchema, String user, String database) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\u0024\\u007B([A-Za-z0-9_:.-]+)\\u007D");

    String resolve(String sql, String filename) {
        Matcher matcher = PLACEHOLDER.matcher(sql);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "flyway:defaultSchema" -> defaultSchema;
                case "flyway:user" -> user;
                case "flyway:database" -> database;
                case "flyway:table" -> "flyway_schema_history";
                case "flyway:filename" -> filename;
                case "flyway:timestamp" -> LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
                default -> throw new MigrationException(filename + ": no value for the placeholder " + matcher.group(1)
                        + " (Keel defines none beyond Flyway's flyway:* ones).");
            };
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
