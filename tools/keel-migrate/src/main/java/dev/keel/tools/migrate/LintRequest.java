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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        String dir = null;
        String format = null;
        String releaseTags = null;
        String include = null;
        boolean history = false;
        boolean autocommit = false;
        boolean conventions = false;
        List<Path> files = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (optionsEnded || !argument.startsWith("-")) {
                files.add(Path.of(argument));
                continue;
            }
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            boolean takesValue = name.equals("--dir")
                    || name.equals("--format")
                    || name.equals("--release-tags")
                    || name.equals("--include");
            String value = null;
            if (takesValue) {
                if (equals >= 0) {
                    value = argument.substring(equals + 1);
                } else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("-")) {
                    value = arguments.get(++i);
                } else {
                    return Optional.empty();
                }
            } else if (equals >= 0) {
                return Optional.empty();
            }
            switch (name) {
                case "--" -> optionsEnded = true;
                case "--history" -> {
                    if (history) return Optional.empty();
                    history = true;
                }
                case "--autocommit" -> {
                    if (autocommit) return Optional.empty();
                    autocommit = true;
                }
                case "--conventions" -> {
                    if (conventions) return Optional.empty();
                    conventions = true;
                }
                case "--dir" -> {
                    if (dir != null) return Optional.empty();
                    dir = value;
                }
                case "--format" -> {
                    if (format != null) return Optional.empty();
                    format = value;
                }
                case "--release-tags" -> {
                    if (releaseTags != null) return Optional.empty();
                    releaseTags = value;
                }
                case "--include" -> {
                    if (include != null) return Optional.empty();
                    include = value;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new LintRequest(
                Path.of(
                        dir != null
                                ? dir
                                : environment.getOrDefault(
                                        KeelMigrate.Target.DIR_VARIABLE, KeelMigrate.Target.DEFAULT_DIR)),
                format != null ? format : DEFAULT_FORMAT,
                releaseTags != null
                        ? releaseTags
                        : environment.getOrDefault(RELEASE_TAGS_VARIABLE, DEFAULT_RELEASE_TAGS),
                history,
                Optional.ofNullable(include),
                autocommit,
                conventions,
                files));
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
