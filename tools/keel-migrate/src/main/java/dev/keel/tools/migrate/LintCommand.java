package dev.keel.tools.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** keel-migrate lint: its options as picocli reads them; {@link LintRequest} does the checking. */
@Command(
        name = "lint",
        description = {
            "Check migrations for PostgreSQL-only syntax and live-database safety;",
            "exit 1 on any error.",
            "",
            "Without --history: the Flyway migrations in --dir, released as the git tags",
            "say. With --history: the FILEs are a history in any tool's layout, checked",
            "in the order given, every step its own release. A folder's layout is found",
            "from its names, versions sorted as numbers (2_x before 10_y):",
            "  diesel    <version>_<name>/up.sql and down.sql",
            "  up/down   <version>_<name>.up.sql and .down.sql (golang-migrate, sqlx,",
            "            pop); pick a database's x.postgres.up.sql with --include",
            "  Flyway    V<version>__<name>.sql, undo U<version>__<name>.sql",
            "  plain     other .sql files (sqlx's <version>_<name>.sql); goose, dbmate",
            "            and sql-migrate files split at their Up and Down markers",
            "  Alembic   a file of `alembic upgrade --sql` output: a step per revision,",
            "            Alembic's BEGIN, COMMIT and alembic_version statements skipped",
            "A down script is checked against the schema as it stands right after its",
            "up; what it changes does not carry over to the next up.",
            "",
            "Examples:",
            "  keel-migrate lint --history migrations/",
            "  keel-migrate lint --history --include '*.postgres.*' migrations/sql",
            "  keel-migrate lint --history 001_init.sql 002_users.sql",
            "  alembic upgrade head --sql > up.sql; keel-migrate lint --history up.sql",
            ""
        })
public final class LintCommand extends KeelMigrate.Subcommand {

    @Option(
            names = "--format",
            defaultValue = LintRequest.DEFAULT_FORMAT,
            description = "text, json, sarif or github (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--release-tags",
            defaultValue = "${env:" + LintRequest.RELEASE_TAGS_VARIABLE + ":-" + LintRequest.DEFAULT_RELEASE_TAGS + "}",
            description = "Git tags that mark releases (default: ${DEFAULT-VALUE}).")
    String releaseTags;

    @Option(
            names = "--history",
            description = "Read the FILEs (files or folders) as a migration history in another tool's layout,"
                    + " in the order given; --dir and --release-tags do not apply.")
    boolean history;

    @Option(
            names = "--include",
            paramLabel = "GLOB",
            description = "With --history: read only the files of a folder whose name matches GLOB, such as"
                    + " '*.postgres.*'; a file without a database infix runs on every database, so it stays.")
    String include;

    @Option(
            names = "--autocommit",
            description = "With --history: the tool sends every statement on its own, each committing (temporal's"
                    + " schema tool, psql -f without --single-transaction), so no lock outlives its statement.")
    boolean autocommit;

    @Option(
            names = "--conventions",
            description = "With --history: also hold the history to Keel's house conventions (the model"
                    + " checklist, soft delete, its type choices and enum order), which a Keel project's own"
                    + " migrations always are; without it another tool's history is checked for hazards only.")
    boolean conventions;

    @Parameters(
            paramLabel = "FILE",
            arity = "0..*",
            description = "Check only these files (default: every migration); with --history, the history to check.")
    List<Path> files = List.of();

    @Override
    public Integer call() {
        LintRequest request = new LintRequest(
                target.dir, format, releaseTags, history, Optional.ofNullable(include), autocommit, conventions, files);
        return request.run(out(), spec.commandLine().getErr());
    }
}
