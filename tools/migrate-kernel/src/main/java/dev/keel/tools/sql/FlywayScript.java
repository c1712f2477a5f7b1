package dev.keel.tools.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A migration as Flyway will run it. Flyway decides the transaction itself: none when a script
 * config (V...sql.conf) says executeInTransaction=false, or when its parser sees that every
 * statement cannot run in one; otherwise one transaction for the file. Keel's header
 * {@code -- keel:non-transactional} declares the first case for people and tools, and
 * changes nothing for Flyway, so the rules check that the two agree.
 */
public record FlywayScript(
        List<SqlStatement> statements,
        List<Operation> operations,
        List<Token> trailingComments,
        boolean declaredNonTransactional,
        boolean configuredNonTransactional) {

    public static final String NON_TRANSACTIONAL_HEADER = "-- keel:non-transactional";

    public FlywayScript {
        statements = List.copyOf(statements);
        operations = List.copyOf(operations);
        trailingComments = List.copyOf(trailingComments);
    }

    /** Reads a migration and its script config, if it has one. Throws SqlSyntaxException on unreadable SQL. */
    public static FlywayScript read(Path file) {
        return read(file, UnaryOperator.identity());
    }

    /** Reads a migration with {@code resolve} applied to its text first, as Flyway resolves placeholders before parsing. */
    public static FlywayScript read(Path file, UnaryOperator<String> resolve) {
        try {
            Path config = file.resolveSibling(file.getFileName() + ".conf");
            return parse(
                    resolve.apply(Files.readString(file)),
                    Files.isRegularFile(config) ? Optional.of(Files.readString(config)) : Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static FlywayScript parse(String sql, Optional<String> scriptConfig) {
        SqlSplitter.Script script = SqlSplitter.split(sql);
        List<Operation> operations =
                script.statements().stream().map(OperationParser::safeParse).toList();
        boolean declared = !script.statements().isEmpty()
                && script.statements().getFirst().commentsBefore().stream()
                        .anyMatch(comment -> comment.kind() == Token.Kind.LINE_COMMENT
                                && comment.text().strip().equalsIgnoreCase(NON_TRANSACTIONAL_HEADER));
        boolean configured = scriptConfig
                .map(config -> config.lines()
                        .map(line -> line.replace(" ", ""))
                        .anyMatch(line -> line.equals("executeInTransaction=false")))
                .orElse(false);
        return new FlywayScript(script.statements(), operations, script.trailingComments(), declared, configured);
    }

    /** Whether Flyway wraps the file in one transaction. */
    public boolean runsInTransaction() {
        if (configuredNonTransactional) {
            return false;
        }
        for (int i = 0; i < statements.size(); i++) {
            if (!flywaySeesNonTransactional(i)) {
                return true;
            }
        }
        return statements.isEmpty();
    }

    /** Whether PostgreSQL refuses statement {@code index} inside a transaction block. */
    public boolean cannotRunInTransaction(int index) {
        return OperationParser.cannotRunInTransaction(operations.get(index), statements.get(index));
    }

    /** Whether Flyway's parser knows statement {@code index} cannot run in a transaction. */
    public boolean flywaySeesNonTransactional(int index) {
        return OperationParser.flywaySeesNonTransactional(operations.get(index), statements.get(index));
    }
}
