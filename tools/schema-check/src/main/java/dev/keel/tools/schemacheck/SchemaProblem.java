package dev.keel.tools.schemacheck;

/**
 * One thing the schema checks found wrong: where ({@code subject}, a mapper statement id such as
 * {@code ...WidgetMapper.findLive} or a table name), in which release's code, and PostgreSQL's or
 * the checklist's words for it; {@code sql} is the statement text checked, empty for tables.
 */
public record SchemaProblem(String release, String subject, String sql, String message) {

    /** One line for a report: release, subject, message, then the SQL indented below it. */
    public String describe() {
        return "[" + release + "] " + subject + ": " + message + (sql.isEmpty() ? "" : "\n      " + sql);
    }
}
