package dev.keel.tools.migrate.devdb;

import dev.keel.tools.migrate.flyway.Database;
import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.OperationParser;
import dev.keel.tools.sql.SqlSplitter;
import dev.keel.tools.sql.SqlStatement;
import dev.keel.tools.sql.Token;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Seed data, kept apart from the schema migrations in {@code db/seed/<level>/*.sql}: production
 * essentials every environment needs, and demo rows for local work. Seeds hold rows only, and
 * each statement must give the same data however often it runs, so an INSERT needs ON CONFLICT
 * and fixed ids.
 * A level runs in one transaction, its files in name order: it applies whole or not at all.
 */
public final class Seeds {

    /** Which seed folder: essentials run everywhere, production included; demo never in production. */
    public enum Level {
        ESSENTIALS("essentials"),
        DEMO("demo");

        private final String folder;

        Level(String folder) {
            this.folder = folder;
        }

        public String folder() {
            return folder;
        }
    }

    /** One seed statement and where it is written. */
    record Seed(Path file, SqlStatement statement) {
        String where() {
            return file.getFileName() + ":" + statement.line();
        }
    }

    /** What a level did: files and statements run, rows they inserted or changed. */
    public record Result(int files, int statements, long rows) {}

    /** Functions that make a fresh id each time they run. */
    private static final Set<String> GENERATED_IDS =
            Set.of("gen_random_uuid", "uuidv4", "uuidv7", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4");

    private final Path directory;

    /** {@code directory} holds one folder per level ({@code essentials/}, {@code demo/}). */
    public Seeds(Path directory) {
        this.directory = directory;
    }

    public Path folder(Level level) {
        return directory.resolve(level.folder());
    }

    /** The level's files in the order they run; a missing folder has none. */
    public List<Path> files(Level level) {
        Path folder = folder(level);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".sql"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new MigrationException("Could not list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The level's statements, refused with file and line when one could not run twice or is not data. */
    List<Seed> read(Level level) {
        List<Seed> seeds = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files(level)) {
            String sql;
            try {
                sql = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MigrationException("Could not read " + file + ": " + e.getMessage(), e);
            }
            for (SqlStatement statement : SqlSplitter.split(sql).statements()) {
                Seed seed = new Seed(file, statement);
                problem(statement).ifPresent(problem -> problems.add("  " + seed.where() + ": " + problem));
                seeds.add(seed);
            }
        }
        if (!problems.isEmpty()) {
            throw new MigrationException("The " + level.folder() + " seeds in " + folder(level) + " are refused:\n"
                    + String.join("\n", problems));
        }
        return seeds;
    }

    /** Why a statement does not belong in a seed, if it does not. */
    static Optional<String> problem(SqlStatement statement) {
        Operation operation = OperationParser.safeParse(statement);
        boolean inserts = statement.tokens().stream().anyMatch(token -> token.is("INSERT"));
        Optional<Token> generated = statement.tokens().stream()
                .filter(token -> GENERATED_IDS.contains(token.text().toLowerCase(Locale.ROOT)))
                .findFirst();
        if (inserts && generated.isPresent()) {
            return Optional.of(generated.get().text() + "() makes a new id on every run, so ON CONFLICT never sees the "
                    + "row again and a second run doubles it: write the id as a fixed literal");
        }
        if (inserts && !hasOnConflict(statement.tokens())) {
            return Optional.of("an INSERT in a seed needs ON CONFLICT (... ) DO NOTHING or DO UPDATE, so a "
                    + "second run gives the same data instead of failing or doubling rows");
        }
        return switch (operation) {
            case Operation.Insert insert -> Optional.empty();
            case Operation.Update update -> Optional.empty();
            case Operation.Other other
            when other.command().equals("SELECT")
                    || other.command().equals("WITH")
                    || other.command().equals("INSERT") -> Optional.empty();
            case Operation.Delete delete ->
                Optional.of("seeds never delete: Keel archives rows "
                        + "(archived_at), and a seed that removes data is not one you can run twice safely");
            case Operation.Truncate truncate ->
                Optional.of("seeds never truncate; make db-wipe empties " + "the tables when you mean it");
            default ->
                Optional.of("seeds hold rows only; " + statement.summary()
                        + " changes the schema or the session and belongs in a migration (make migrate-create)");
        };
    }

    private static boolean hasOnConflict(List<Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("ON") && tokens.get(i + 1).is("CONFLICT")) {
                return true;
            }
        }
        return false;
    }

    /** Runs the level in one transaction; on any error nothing of it stays, and the error names file and line. */
    public Result apply(Level level, Database database, PrintWriter out) {
        List<Seed> seeds = read(level);
        long rows = 0;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (Seed seed : seeds) {
                    try {
                        statement.execute(seed.statement().text());
                        int count = statement.getUpdateCount();
                        rows += Math.max(count, 0);
                    } catch (SQLException e) {
                        connection.rollback();
                        throw new MigrationException(
                                "Seed " + seed.where() + " failed, and no " + level.folder()
                                        + " seed was applied: "
                                        + e.getMessage().lines().findFirst().orElse("")
                                        + "\n  Fix: correct " + seed.file() + " and run it again.",
                                e);
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new MigrationException("Could not apply the " + level.folder() + " seeds: " + e.getMessage(), e);
        }
        long files = seeds.stream().map(Seed::file).distinct().count();
        out.printf(
                "Seeded %s: %d file%s, %d statement%s, %d row%s inserted or changed%n",
                level.folder(),
                files,
                files == 1 ? "" : "s",
                seeds.size(),
                seeds.size() == 1 ? "" : "s",
                rows,
                rows == 1 ? "" : "s");
        out.flush();
        return new Result((int) files, seeds.size(), rows);
    }
}
