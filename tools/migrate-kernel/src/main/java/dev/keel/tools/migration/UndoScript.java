package dev.keel.tools.migration;

import dev.keel.tools.sql.FlywayScript;
import dev.keel.tools.sql.Token;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What an undo script says about its migration: statements that undo it, or {@code -- keel:irreversible
 * <reason>} when nothing can. An undo with neither would let down forget the history row and keep the
 * schema, so validate fails on it and down refuses it, as down refuses a declared irreversible one.
 * {@code irreversibleReason} is present when the file carries the marker, and blank when it gives no reason.
 */
public record UndoScript(Path file, boolean hasStatements, Optional<String> irreversibleReason) {

    public static final String IRREVERSIBLE = "-- keel:irreversible";

    private static final Pattern MARKER =
            Pattern.compile("--\\s*keel:irreversible(?:\\s+(.*))?", Pattern.CASE_INSENSITIVE);

    public static UndoScript read(Path file) {
        FlywayScript script = MigrationFiles.script(file);
        Optional<String> reason = Stream.concat(
                        script.statements().stream().flatMap(statement -> statement.commentsBefore().stream()),
                        script.trailingComments().stream())
                .filter(token -> token.kind() == Token.Kind.LINE_COMMENT)
                .map(token -> MARKER.matcher(token.text().strip()))
                .filter(Matcher::matches)
                .map(marker -> marker.group(1) == null ? "" : marker.group(1).strip())
                .findFirst();
        return new UndoScript(file, !script.statements().isEmpty(), reason);
    }

    public boolean irreversible() {
        return irreversibleReason.isPresent();
    }

    /** What validate reports on this undo of {@code migration}; empty when it keeps its promise. */
    public Optional<String> problem(MigrationFiles.Migration migration) {
        if (irreversibleReason.filter(String::isEmpty).isPresent()) {
            return Optional.of(file + ": " + IRREVERSIBLE + " needs its reason on the same line, such as "
                    + IRREVERSIBLE + " the dropped rows are gone");
        }
        if (irreversible() && hasStatements) {
            return Optional.of(file + ": is marked " + IRREVERSIBLE + " but has statements, which make migrate-down"
                    + " never runs; keep the statements or the marker, not both");
        }
        if (!irreversible() && !hasStatements && migrationHasStatements(migration)) {
            return Optional.of(file + ": has no statement, so make migrate-down would leave what "
                    + migration.file().getFileName() + " did; write the SQL that undoes it, or say why nothing can: "
                    + IRREVERSIBLE + " <reason>");
        }
        return Optional.empty();
    }

    /** Why down must not run this undo of {@code migration}; empty when it may. */
    public Optional<String> refusal(MigrationFiles.Migration migration) {
        String which = "Migration " + migration.version() + " (" + migration.description() + ")";
        if (irreversible()) {
            String reason = irreversibleReason.orElseThrow();
            return Optional.of(which + " is irreversible: " + file + " says "
                    + (reason.isEmpty() ? "so without a reason" : "\"" + reason + "\"")
                    + ". Nothing was undone; to go back, restore a backup (make restore-db) or write a new migration.");
        }
        if (!hasStatements && migrationHasStatements(migration)) {
            return Optional.of(which + " has an empty undo, " + file + ": running it would only forget the history"
                    + " row and leave the schema. Nothing was undone; write the SQL that undoes it, or mark it "
                    + IRREVERSIBLE + " <reason>.");
        }
        return Optional.empty();
    }

    private static boolean migrationHasStatements(MigrationFiles.Migration migration) {
        return !MigrationFiles.script(migration.file()).statements().isEmpty();
    }
}
