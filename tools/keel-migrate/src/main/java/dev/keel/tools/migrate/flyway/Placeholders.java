package dev.keel.tools.migrate.flyway;

import dev.keel.tools.migration.FlywaySettings;
import dev.keel.tools.migration.MigrationException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's placeholders (written dollar, brace, name, brace), resolved the way Flyway resolves them
 * when it runs a migration, so a preview shows the SQL that will run: the built-in flyway:* ones,
 * and the team's own from db/flyway.properties; any other name is an error, as it is for Flyway.
 */
public record Placeholders(String defaultSchema, String user, String database, FlywaySettings settings) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\u0024\\u007B([A-Za-z0-9_:.-]+)\\u007D");

    public String resolve(String sql, String filename) {
        Matcher matcher = PLACEHOLDER.matcher(sql);
        StringBuilder resolved = new StringBuilder();
        Map<String, String> own = settings.placeholders();
        while (matcher.find()) {
            String value = own.containsKey(matcher.group(1))
                    ? own.get(matcher.group(1))
                    : switch (matcher.group(1)) {
                        case "flyway:defaultSchema" -> defaultSchema;
                        case "flyway:user" -> user;
                        case "flyway:database" -> database;
                        case "flyway:table" -> settings.table();
                        case "flyway:filename" -> filename;
                        case "flyway:timestamp" ->
                            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
                        default ->
                            throw new MigrationException(filename + ": no value for the placeholder " + matcher.group(1)
                                    + " (define it in db/flyway.properties as flyway.placeholders." + matcher.group(1)
                                    + "=...).");
                    };
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
