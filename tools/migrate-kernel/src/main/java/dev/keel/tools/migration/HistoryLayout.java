package dev.keel.tools.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** How a migration tool lays out its folder, told from the names in it, and the history read from it in version order. */
enum HistoryLayout {
    /** diesel (and refinery-like tools): {@code <version>_<name>/up.sql}, {@code down.sql}, {@code metadata.toml}. */
    FOLDERS("diesel-style folders <version>_<name>/up.sql and down.sql") {
        @Override
        List<MigrationHistory.Step> read(Path directory, Optional<PathMatcher> include) {
            List<MigrationHistory.Step> steps = new ArrayList<>();
            for (Path folder : entries(directory, Files::isDirectory)) {
                Path up = folder.resolve("up.sql");
                String name = folder.getFileName().toString();
                if (!Files.isRegularFile(up) || !included(include, Path.of(name), directory.relativize(up))) {
                    continue;
                }
                boolean outside = dieselOutsideTransaction(folder);
                Path down = folder.resolve("down.sql");
                steps.add(new MigrationHistory.Step(
                        name,
                        MigrationHistory.Script.whole(up, outside),
                        Files.isRegularFile(down)
                                ? Optional.of(MigrationHistory.Script.whole(down, outside))
                                : Optional.empty()));
            }
            return steps;
        }
    },
    /** golang-migrate, sqlx, pop, dbmate-like: {@code <version>_<name>[.<database>][.autocommit].up.sql} and {@code .down.sql}. */
    UP_DOWN_FILES("<version>_<name>.up.sql and .down.sql files") {
        @Override
        List<MigrationHistory.Step> read(Path directory, Optional<PathMatcher> include) {
            return UpDownFiles.read(directory, include);
        }
    },
    /** Flyway: {@code V<version>__<name>.sql}, undo {@code U<version>__<name>.sql} beside it or in ../undo. */
    FLYWAY("Flyway V<version>__<name>.sql with U<version> undo scripts") {
        @Override
        List<MigrationHistory.Step> read(Path directory, Optional<PathMatcher> include) {
            Path migrations =
                    Files.isDirectory(directory.resolve("migration")) ? directory.resolve("migration") : directory;
            Map<String, Path> undos = new LinkedHashMap<>();
            for (Path folder : List.of(migrations, migrations.resolveSibling("undo"))) {
                for (Path undo : entries(folder, Files::isRegularFile)) {
                    Matcher matcher = FLYWAY_UNDO.matcher(undo.getFileName().toString());
                    if (matcher.matches()) {
                        undos.putIfAbsent(matcher.group(1) + "__" + matcher.group(2), undo);
                    }
                }
            }
            List<Path> versioned = new ArrayList<>();
            for (Path file : entries(migrations, Files::isRegularFile)) {
                if (FLYWAY_VERSIONED.matcher(file.getFileName().toString()).matches()
                        && included(include, file.getFileName(), directory.relativize(file))) {
                    versioned.add(file);
                }
            }
            versioned.sort(Comparator.comparing(HistoryLayout::flywayVersion, VersionOrder.NATURAL));
            List<MigrationHistory.Step> steps = new ArrayList<>();
            for (Path file : versioned) {
                Matcher matcher = FLYWAY_VERSIONED.matcher(file.getFileName().toString());
                matcher.matches();
                Optional<Path> undo = Optional.ofNullable(undos.get(matcher.group(1) + "__" + matcher.group(2)));
                steps.add(new MigrationHistory.Step(
                        file.getFileName().toString(), flywayScript(file), undo.map(HistoryLayout::flywayScript)));
            }
            return steps;
        }
    },
    /** Any other folder of .sql files, such as sqlx's {@code <version>_<name>.sql}: each file a step, by version. */
    PLAIN_FILES(".sql files in version order") {
        @Override
        List<MigrationHistory.Step> read(Path directory, Optional<PathMatcher> include) {
            List<MigrationHistory.Step> steps = new ArrayList<>();
            for (Path file : entries(directory, Files::isRegularFile)) {
                if (file.getFileName().toString().endsWith(".sql")
                        && included(include, file.getFileName(), directory.relativize(file))) {
                    MigrationHistory.addFile(steps, file);
                }
            }
            return steps;
        }
    };

    static final Pattern FLYWAY_VERSIONED = Pattern.compile("V(\\d[\\d._]*)__(.+)\\.sql");
    static final Pattern FLYWAY_UNDO = Pattern.compile("U(\\d[\\d._]*)__(.+)\\.sql");
    private static final Pattern DIESEL_NO_TRANSACTION = Pattern.compile("(?m)^\\s*run_in_transaction\\s*=\\s*false");

    private final String description;

    HistoryLayout(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    abstract List<MigrationHistory.Step> read(Path directory, Optional<PathMatcher> include);

    /** The layout of a folder, from the names in it; Keel's own folder (migration/ beside undo/) is Flyway's. */
    static HistoryLayout detect(Path directory) {
        if (Files.isDirectory(directory.resolve("migration"))) {
            return FLYWAY;
        }
        if (entries(directory, Files::isDirectory).stream()
                .anyMatch(folder -> Files.isRegularFile(folder.resolve("up.sql")))) {
            return FOLDERS;
        }
        List<String> names = entries(directory, Files::isRegularFile).stream()
                .map(file -> file.getFileName().toString())
                .toList();
        if (names.stream().anyMatch(name -> name.endsWith(".up.sql"))) {
            return UP_DOWN_FILES;
        }
        if (names.stream().anyMatch(name -> FLYWAY_VERSIONED.matcher(name).matches())) {
            return FLYWAY;
        }
        return PLAIN_FILES;
    }

    /** For a down file ({@code down.sql}, {@code x.down.sql}), the name of its up file. */
    static Optional<String> upOfDown(Path file) {
        String name = file.getFileName().toString();
        if (name.equals("down.sql")) {
            return Optional.of("up.sql");
        }
        return name.endsWith(".down.sql")
                ? Optional.of(name.substring(0, name.length() - ".down.sql".length()) + ".up.sql")
                : Optional.empty();
    }

    /** A down file given on its own after its up: outside a transaction as pop's .autocommit. or sqlx's header say. */
    static MigrationHistory.Script downScript(Path file) {
        String sql = MigrationHistory.read(file);
        boolean outside = file.getFileName().toString().contains(".autocommit.")
                || sql.stripLeading().startsWith("-- no-transaction")
                || (file.getFileName().toString().equals("down.sql") && dieselOutsideTransaction(file.getParent()));
        return MigrationHistory.Script.part(file, "", sql, outside);
    }

    private static MigrationHistory.Script flywayScript(Path file) {
        Path config = file.resolveSibling(file.getFileName() + ".conf");
        return new MigrationHistory.Script(
                file,
                "",
                MigrationHistory.read(file),
                Files.isRegularFile(config) ? Optional.of(MigrationHistory.read(config)) : Optional.empty(),
                false);
    }

    private static String flywayVersion(Path file) {
        Matcher matcher = FLYWAY_VERSIONED.matcher(file.getFileName().toString());
        return matcher.matches() ? matcher.group(1).replace('_', '.') : "";
    }

    private static boolean dieselOutsideTransaction(Path folder) {
        Path metadata = folder == null ? null : folder.resolve("metadata.toml");
        return metadata != null
                && Files.isRegularFile(metadata)
                && DIESEL_NO_TRANSACTION
                        .matcher(MigrationHistory.read(metadata))
                        .find();
    }

    /** Whether the glob, if any, matches the name or the path below the folder given. */
    static boolean included(Optional<PathMatcher> include, Path name, Path relative) {
        return include.isEmpty() || include.get().matches(name) || include.get().matches(relative);
    }

    /** The entries of a folder that pass {@code filter}, in version order. */
    static List<Path> entries(Path directory, java.util.function.Predicate<Path> filter) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(filter)
                    .sorted(Comparator.comparing(path -> path.getFileName().toString(), VersionOrder.NATURAL))
                    .toList();
        } catch (IOException e) {
            throw new MigrationException("Cannot read " + directory + ": " + e.getMessage());
        }
    }
}
