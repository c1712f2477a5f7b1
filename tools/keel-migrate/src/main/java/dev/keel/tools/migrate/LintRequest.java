package dev.keel.tools.migrate;

import dev.keel.tools.lint.Finding;
import dev.keel.tools.lint.FindingFormats;
import dev.keel.tools.lint.LintResult;
import dev.keel.tools.lint.MigrationLinter;
import dev.keel.tools.lint.ReleaseHistory;
import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import dev.keel.tools.migration.MigrationHistory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One lint run: what to check and how to print it, from {@link LintCommand}'s options or, for the
 * plain forms a developer types most, from {@link #parse} without picocli. picocli's start (its
 * Java 5 classes, which no class-data archive can hold) costs more than linting a thousand files,
 * so the launcher reads these forms itself and leaves help, version and every mistake to picocli,
 * whose answers stay the only ones (LauncherTest holds both readings equal).
 */
record LintRequest(
        Path dir,
        String format,
        String releaseTags,
        boolean history,
        Optional<String> include,
        boolean autocommit,
        boolean conventions,
        List<Path> files) {

    static final String DEFAULT_FORMAT = "text";
    static final String RELEASE_TAGS_VARIABLE = "KEEL_RELEASE_TAGS";
    static final String DEFAULT_RELEASE_TAGS = "v*";

    LintRequest {
        files = List.copyOf(files);
    }

    /**
     * The request {@code arguments} (after "lint") make, when they hold only lint's own options,
     * each given once and well formed, and FILEs; empty for anything else (help, a repeated or
     * unknown option, a missing value), which picocli answers as it always does.
     */
    static Optional<LintRequest> parse(List<String> arguments, Map<String, String> environment) {
        return PlainOptions.parse(
                        arguments,
                        Set.of("--history", "--autocommit", "--conventions"),
                        Set.of("--dir", "--format", "--release-tags", "--include"),
                        true)
                .map(options -> new LintRequest(
                        Path.of(Optional.ofNullable(options.value("--dir"))
                                .orElse(environment.getOrDefault(
                                        KeelMigrate.Target.DIR_VARIABLE, KeelMigrate.Target.DEFAULT_DIR))),
                        Optional.ofNullable(options.value("--format")).orElse(DEFAULT_FORMAT),
                        Optional.ofNullable(options.value("--release-tags"))
                                .orElse(environment.getOrDefault(RELEASE_TAGS_VARIABLE, DEFAULT_RELEASE_TAGS)),
                        options.has("--history"),
                        Optional.ofNullable(options.value("--include")),
                        options.has("--autocommit"),
                        options.has("--conventions"),
                        options.operands().stream().map(Path::of).toList()));
    }

    /** Checks, prints the findings and the summary line, and returns the exit code: 1 on any error. */
    int run(PrintWriter out, PrintWriter err) {
        if (!FindingFormats.FORMATS.contains(format)) {
            throw new MigrationException(
                    "--format must be one of " + FindingFormats.FORMATS + ", not '" + format + "'.");
        }
        if (history) {
            return lintHistory(out, err);
        }
        if (include.isPresent()) {
            throw new MigrationException("--include picks files of a --history folder; add --history.");
        }
        if (conventions) {
            throw new MigrationException(
                    "--conventions applies to --history: a Keel project's migrations are always held to them.");
        }
        if (autocommit) {
            throw new MigrationException("--autocommit applies to --history: Flyway runs each file in a transaction"
                    + " unless the file says otherwise (-- keel:non-transactional).");
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new MigrationException("There is no file " + file + " to check.");
            }
        }
        MigrationFiles migrations = new MigrationFiles(dir);
        // git runs while the files are read: its first start in this JVM is a good part of a short run
        CompletableFuture<ReleaseHistory> releases = CompletableFuture.supplyAsync(
                () -> ReleaseHistory.fromGit(migrations.migrationDirectory(), releaseTags));
        LintResult result = new MigrationLinter(releases::join).lint(migrations, files);
        return report(result, releases.join().description(), out, err);
    }

    /** Another tool's history: every step its own release, each down against the schema right after its up. */
    private int lintHistory(PrintWriter out, PrintWriter err) {
        if (files.isEmpty()) {
            throw new MigrationException("--history needs the files or folders to check, oldest first.");
        }
        MigrationHistory read = MigrationHistory.read(files, include);
        MigrationHistory steps = autocommit ? read.autocommit() : read;
        if (steps.steps().isEmpty()) {
            throw new MigrationException("No migration found in " + files
                    + include.map(glob -> " matching --include " + glob).orElse("") + ".");
        }
        LintResult result = MigrationLinter.lint(steps);
        return report(
                conventions ? result : result.withoutConventions(),
                "history of " + steps.description() + ", every step its own release"
                        + (conventions ? ", with Keel's conventions" : "; hazards only (--conventions adds Keel's)"),
                out,
                err);
    }

    private int report(LintResult result, String releases, PrintWriter out, PrintWriter err) {
        FindingFormats.write(format, result.findings(), out);
        long errors = result.findings().stream().filter(Finding::isError).count();
        long warnings = result.findings().size() - errors;
        String summary = String.format(
                "lint: %d error%s, %d warning%s in %d file%s (%d suppressed by keel:allow); %s",
                errors,
                errors == 1 ? "" : "s",
                warnings,
                warnings == 1 ? "" : "s",
                result.filesChecked(),
                result.filesChecked() == 1 ? "" : "s",
                result.suppressed().size(),
                releases);
        PrintWriter summaryOut = format.equals("text") ? out : err;
        summaryOut.println(summary);
        summaryOut.flush();
        return errors > 0 ? 1 : 0;
    }
}
