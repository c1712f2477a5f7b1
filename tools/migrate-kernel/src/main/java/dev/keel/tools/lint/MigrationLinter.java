package dev.keel.tools.lint;

import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import dev.keel.tools.migration.MigrationHistory;
import dev.keel.tools.sql.FlywayScript;
import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.SqlStatement;
import dev.keel.tools.sql.SqlSyntaxException;
import dev.keel.tools.sql.Token;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The static migration checker: reads every migration in version order, as Flyway would run
 * them, keeps a model of the schema they build, and applies every rule to every statement.
 */
public final class MigrationLinter {

    private static final List<StatementRule> RULES = List.of(
            new PortabilityRules(),
            new TransactionRules(),
            // Before the timeouts: statement_timeout matters only where the locking rules found work under a lock.
            new LockingRules(),
            new TimeoutRules(),
            new CompatibilityRules(),
            new TypeRules(),
            new ConventionRules());

    private final Supplier<ReleaseHistory> releases;

    public MigrationLinter(ReleaseHistory releases) {
        this(() -> releases);
    }

    /**
     * Releases asked for only once the files are being read: finding them runs git, whose first
     * start in a JVM costs more than reading a hundred files, so a caller can run it alongside.
     */
    public MigrationLinter(Supplier<ReleaseHistory> releases) {
        this.releases = releases;
    }

    /** Every migration, with releases from the git tags matching KEEL_RELEASE_TAGS (default v*). */
    public static LintResult lint(MigrationFiles files) {
        return new MigrationLinter(ReleaseHistory.fromEnvironment(files.migrationDirectory())).lint(files, List.of());
    }

    /**
     * Checks the migrations; with {@code only} non-empty, reports findings for those files alone
     * (the migrations before them still shape the schema). A file outside the migration folder is
     * checked as the next, unreleased migration.
     */
    public LintResult lint(MigrationFiles files, Collection<Path> only) {
        Set<Path> selected = only.stream().map(MigrationLinter::normalize).collect(Collectors.toSet());
        SchemaModel schema = new SchemaModel();
        List<Finding> reported = new ArrayList<>();
        List<Finding> suppressed = new ArrayList<>();
        int checked = 0;
        List<MigrationFiles.Migration> migrations = files.migrations();
        Set<Path> known = migrations.stream()
                .map(migration -> normalize(migration.file()))
                .collect(Collectors.toSet());
        List<Path> extras =
                only.stream().filter(extra -> !known.contains(normalize(extra))).toList();
        ReadAhead<FlywayScript> ahead =
                new ReadAhead<>(Stream.concat(migrations.stream().map(MigrationFiles.Migration::file), extras.stream())
                        .<Supplier<FlywayScript>>map(path -> () -> FlywayScript.read(path))
                        .toList());
        ReleaseHistory history = releases.get();
        int index = 0;
        for (MigrationFiles.Migration migration : migrations) {
            boolean report = selected.isEmpty() || selected.contains(normalize(migration.file()));
            lintFile(
                    migration.file(),
                    history.group(migration.version()),
                    ahead.reader(index++),
                    schema,
                    report ? reported : new ArrayList<>(),
                    report ? suppressed : new ArrayList<>());
            checked += report ? 1 : 0;
        }
        for (Path extra : extras) {
            lintFile(extra, ReleaseHistory.UNRELEASED, ahead.reader(index++), schema, reported, suppressed);
            checked++;
        }
        withdrawSettled(schema, reported);
        return new LintResult(List.copyOf(reported), List.copyOf(suppressed), checked);
    }

    /** Findings a later migration made moot (see {@link SchemaModel#unlessSettledLater}), once every file is read. */
    private static void withdrawSettled(SchemaModel schema, List<Finding> reported) {
        List<Finding> settled = schema.settledFindings();
        reported.removeIf(finding -> settled.stream().anyMatch(moot -> moot == finding));
    }

    /**
     * Every step of a history in another tool's layout, each its own release, so what step 3
     * creates is live for step 4. A down script is checked against the schema as it stands when it
     * would run, right after its own up and before the next, and what it changes is then dropped.
     */
    public static LintResult lint(MigrationHistory history) {
        SchemaModel schema = new SchemaModel();
        List<Finding> reported = new ArrayList<>();
        List<Finding> suppressed = new ArrayList<>();
        int checked = 0;
        ReadAhead<FlywayScript> ahead = new ReadAhead<>(history.steps().stream()
                .flatMap(step -> Stream.concat(Stream.of(step.up()), step.down().stream()))
                .<Supplier<FlywayScript>>map(script -> script::parse)
                .toList());
        int index = 0;
        for (int i = 0; i < history.steps().size(); i++) {
            MigrationHistory.Step step = history.steps().get(i);
            lintScript(step.up(), "step-" + i, ahead.reader(index++), schema, reported, suppressed);
            checked++;
            for (MigrationHistory.Script down : step.down().stream().toList()) {
                lintScript(down, "step-" + i + "-down", ahead.reader(index++), schema.copy(), reported, suppressed);
                checked++;
            }
        }
        withdrawSettled(schema, reported);
        return new LintResult(List.copyOf(reported), List.copyOf(suppressed), checked);
    }

    private static void lintScript(
            MigrationHistory.Script script,
            String group,
            Supplier<FlywayScript> read,
            SchemaModel schema,
            List<Finding> reported,
            List<Finding> suppressed) {
        // The origin names the part too: Alembic revisions share a file, yet each is its own release.
        lintFile(
                script.file().toString(),
                new SchemaModel.Origin(script.key(), group),
                read,
                schema,
                reported,
                suppressed);
    }

    private static void lintFile(
            Path path,
            String group,
            Supplier<FlywayScript> read,
            SchemaModel schema,
            List<Finding> reported,
            List<Finding> suppressed) {
        String file = path.toString();
        lintFile(file, new SchemaModel.Origin(file, group), read, schema, reported, suppressed);
    }

    private static void lintFile(
            String file,
            SchemaModel.Origin origin,
            Supplier<FlywayScript> read,
            SchemaModel schema,
            List<Finding> reported,
            List<Finding> suppressed) {
        FlywayScript script;
        try {
            script = read.get();
        } catch (SqlSyntaxException e) {
            reported.add(Finding.of(Rule.SYNTAX, file, e.line(), e.column(), e.getMessage()));
            return;
        } catch (UncheckedIOException e) {
            throw new MigrationException(e.getMessage());
        }
        FileScope scope = new FileScope(file, origin, script);
        List<List<Finding>> perStatement = new ArrayList<>();
        for (int i = 0; i < script.statements().size(); i++) {
            SqlStatement statement = script.statements().get(i);
            Operation operation = script.operations().get(i);
            List<Finding> findings = new ArrayList<>();
            StatementContext context = new StatementContext(statement, operation, scope, schema, findings);
            for (StatementRule rule : RULES) {
                guarded(context, () -> rule.check(context));
            }
            guarded(context, () -> {
                LockingRules.noteLock(context);
                schema.apply(operation, scope.origin);
            });
            scope.statements.add(new FileScope.Parsed(statement, operation));
            perStatement.add(findings);
        }
        StatementRule.Reporter reporter = (index, rule, at, message) -> {
            Token where =
                    at != null ? at : scope.statements.get(index).statement().first();
            Finding finding = Finding.of(rule, file, where.line(), where.column(), message);
            perStatement.get(index).add(finding);
            return finding;
        };
        RULES.forEach(rule -> rule.finish(scope, schema, reporter));
        List<Finding> fileFindings = new ArrayList<>();
        for (int i = 0; i < perStatement.size(); i++) {
            Suppressions.apply(
                    file, script.statements().get(i).commentsBefore(), perStatement.get(i), fileFindings, suppressed);
        }
        Suppressions.unattached(file, script.trailingComments(), fileFindings);
        fileFindings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        reported.addAll(fileFindings);
    }

    /** A rule that trips over SQL it does not follow reports that, and the check goes on. */
    private static void guarded(StatementContext context, Runnable check) {
        try {
            check.run();
        } catch (RuntimeException e) {
            if (context.hasReported(java.util.Set.of(Rule.SYNTAX))) {
                return; // once per statement is enough
            }
            context.report(
                    Rule.SYNTAX,
                    null,
                    "the checker cannot follow this statement (" + e.getClass().getSimpleName()
                            + "); check it by hand: " + context.statement.summary());
        }
    }

    private static Path normalize(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
