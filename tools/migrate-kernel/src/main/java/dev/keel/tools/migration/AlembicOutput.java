package dev.keel.tools.migration;

import dev.keel.tools.sql.SqlSplitter;
import dev.keel.tools.sql.SqlStatement;
import dev.keel.tools.sql.SqlSyntaxException;
import dev.keel.tools.sql.Token;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code alembic upgrade --sql} (or {@code downgrade --sql}) prints: each revision introduced
 * by {@code -- Running upgrade <from> -> <to>}, each its own step. Alembic's bookkeeping around
 * them (BEGIN and COMMIT, the alembic_version table and its rows) is the tool's, not the
 * migration's, so it is blanked before checking; a COMMIT ... BEGIN inside a revision is an
 * autocommit block, and that revision counts as run outside a transaction. A downgrade of a revision
 * upgraded earlier in the history becomes that step's down script.
 */
final class AlembicOutput {

    private static final Pattern RUNNING =
            Pattern.compile("(?m)^-- Running (upgrade|downgrade) *([^\\n]*?) *-> *([^\\n]*?)\\s*$");
    private static final String VERSION_TABLE = "alembic_version";

    private AlembicOutput() {}

    static boolean isAlembic(String sql) {
        return RUNNING.matcher(sql).find();
    }

    /**
     * Adds one step per upgraded revision, and each downgrade to the step of the revision it
     * reverts. Before the first revision Alembic writes only its own BEGIN and version table.
     */
    static void addTo(List<MigrationHistory.Step> steps, Path file, String sql) {
        char[] kept = sql.toCharArray();
        List<Integer> outsideTransaction = blankBookkeeping(sql, kept);
        String migrationSql = new String(kept);
        List<Section> sections = sections(sql);
        for (int i = 0; i < sections.size(); i++) {
            Section section = sections.get(i);
            int end = i + 1 < sections.size() ? sections.get(i + 1).line() : Integer.MAX_VALUE;
            boolean outside = outsideTransaction.stream().anyMatch(line -> line > section.line() && line < end);
            MigrationHistory.Script script = MigrationHistory.Script.part(
                    file,
                    section.direction() + " " + section.from() + " -> " + section.to(),
                    SourceLines.only(migrationSql, section.line(), end),
                    outside);
            if (section.direction().equals("upgrade")) {
                steps.add(new MigrationHistory.Step(
                        section.to().isEmpty() ? section.from() : section.to(), script, Optional.empty()));
                continue;
            }
            int reverted = stepOf(steps, section.from());
            if (reverted >= 0) {
                MigrationHistory.Step step = steps.get(reverted);
                steps.set(reverted, new MigrationHistory.Step(step.name(), step.up(), Optional.of(script)));
            } else {
                steps.add(new MigrationHistory.Step(section.from() + " (downgrade)", script, Optional.empty()));
            }
        }
    }

    private record Section(String direction, String from, String to, int line) {}

    private static List<Section> sections(String sql) {
        List<Section> sections = new ArrayList<>();
        Matcher matcher = RUNNING.matcher(sql);
        while (matcher.find()) {
            sections.add(new Section(
                    matcher.group(1),
                    matcher.group(2).strip(),
                    matcher.group(3).strip(),
                    SourceLines.lineOf(sql, matcher.start())));
        }
        return sections;
    }

    private static int stepOf(List<MigrationHistory.Step> steps, String revision) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).name().equals(revision) && steps.get(i).down().isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Blanks Alembic's own statements in {@code kept} (lines stay where they are) and returns the
     * lines of migration statements that run between a COMMIT and the next BEGIN.
     */
    private static List<Integer> blankBookkeeping(String sql, char[] kept) {
        List<Integer> outside = new ArrayList<>();
        List<SqlStatement> statements;
        try {
            statements = SqlSplitter.split(sql).statements();
        } catch (SqlSyntaxException e) {
            return outside; // the checker reports it, on the revision that holds it
        }
        boolean inTransaction = false;
        for (SqlStatement statement : statements) {
            if (statement.startsWith("BEGIN") && statement.tokens().size() == 1) {
                inTransaction = true;
            } else if (statement.startsWith("COMMIT") && statement.tokens().size() == 1) {
                inTransaction = false;
            } else if (!isVersionTable(statement)) {
                if (!inTransaction) {
                    outside.add(statement.line());
                }
                continue;
            }
            blank(sql, kept, statement);
        }
        return outside;
    }

    /** CREATE TABLE, INSERT INTO, UPDATE, DELETE FROM or DROP TABLE on alembic_version (in any schema). */
    private static boolean isVersionTable(SqlStatement statement) {
        int index = statement.startsWith("CREATE", "TABLE")
                        || statement.startsWith("INSERT", "INTO")
                        || statement.startsWith("DELETE", "FROM")
                        || statement.startsWith("DROP", "TABLE")
                ? 2
                : statement.startsWith("UPDATE") ? 1 : -1;
        if (index < 0) {
            return false;
        }
        Token name = statement.at(index);
        if (name != null
                && statement.at(index + 1) != null
                && statement.at(index + 1).isSymbol(".")) {
            name = statement.at(index + 2); // schema-qualified, as version_table_schema writes it
        }
        return name != null && name.isIdentifier() && name.name().equals(VERSION_TABLE);
    }

    private static void blank(String sql, char[] kept, SqlStatement statement) {
        int from = statement.first().offset();
        int to = statement.tokens().getLast().endOffset();
        while (to < sql.length() && Character.isWhitespace(sql.charAt(to)) && sql.charAt(to) != '\n') {
            to++;
        }
        if (to < sql.length() && sql.charAt(to) == ';') {
            to++;
        }
        for (int i = from; i < to; i++) {
            if (kept[i] != '\n') {
                kept[i] = ' ';
            }
        }
    }
}
