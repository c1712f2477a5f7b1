package dev.keel.tools.lint;

import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Migration folders written for a test: a live base schema, then the files under test, linted. */
final class LintFixture {

    /** Released before the files under test: a domain table t, a table p it references, an index and an enum. */
    static final String BASE = """
            CREATE TABLE p (
                id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(), created_by text NOT NULL, updated_by text NOT NULL,
                archived_at timestamptz);
            CREATE TRIGGER p_touch BEFORE UPDATE ON p FOR EACH ROW EXECUTE FUNCTION keel_touch_updated_at();
            CREATE TRIGGER p_forbid BEFORE DELETE ON p FOR EACH ROW EXECUTE FUNCTION keel_forbid_delete();
            CREATE TABLE t (
                id uuid PRIMARY KEY, p_id uuid, n integer, name varchar(20), price numeric(10, 2), note text,
                net cidr, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
                created_by text NOT NULL, updated_by text NOT NULL, archived_at timestamptz);
            CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION keel_touch_updated_at();
            CREATE TRIGGER t_forbid BEFORE DELETE ON t FOR EACH ROW EXECUTE FUNCTION keel_forbid_delete();
            CREATE INDEX t_n_idx ON t (n);
            CREATE TYPE mood AS ENUM ('sad', 'happy');
            -- keel:allow model-checklist an event log, partitioned by time, for the partition rules
            CREATE TABLE ev (id uuid, at timestamptz NOT NULL) PARTITION BY RANGE (at);
            """;

    /** Timeouts first, so a test about another rule is not also about them. */
    static final String TIMEOUTS = "SET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '60s';\n";

    private LintFixture() {}

    /** Writes each SQL text as the next migration (with an undo), oldest first. */
    static MigrationFiles write(Path root, String... migrations) {
        try {
            Files.createDirectories(root.resolve("migration"));
            Files.createDirectories(root.resolve("undo"));
            for (int i = 0; i < migrations.length; i++) {
                String name = "%014d__m%d.sql".formatted(20260101000000L + i, i);
                Files.writeString(root.resolve("migration/V" + name), migrations[i]);
                Files.writeString(root.resolve("undo/U" + name), "SELECT 1;\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MigrationFiles(root);
    }

    /** The BASE, then {@code sql}, every file released on its own (no release tags). */
    static List<Finding> findingsOf(Path root, String sql) {
        MigrationFiles files = write(root, BASE, sql);
        return inLast(files, new MigrationLinter(ReleaseHistory.everyFileReleased("test")).lint(files, List.of()));
    }

    static List<Finding> inLast(MigrationFiles files, LintResult result) {
        String last = files.migrations().getLast().file().toString();
        return result.findings().stream()
                .filter(finding -> finding.file().equals(last))
                .toList();
    }

    static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }
}
