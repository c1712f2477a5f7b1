package dev.keel.tools.schemacheck;

import dev.keel.tools.migration.Git;
import dev.keel.tools.migration.MigrationFiles;
import dev.keel.tools.sql.FlywayScript;
import dev.keel.tools.sql.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release still running while this one deploys, read from git: the newest tag matching
 * KEEL_RELEASE_TAGS (default {@code v*}), else KEEL_MAIN_REF (default {@code main}); its mapper
 * XML, and the migrations that are new since it, some of which may be contract steps.
 */
public record PreviousRelease(
        String ref, boolean sameCommitAsHead, List<MapperSource> mappers, List<Path> newMigrations) {

    /** {@code -- keel:contract <reason>}: this migration drops or renames what the running release may still use. */
    public static final String CONTRACT = "keel:contract";

    private static final Pattern CONTRACT_LINE = Pattern.compile("(?im)^\\s*--\\s*keel:contract\\b(.*)$");

    /**
     * A migration new since the previous release marked as a contract step, why it may break it,
     * and the names it drops, renames, retypes or makes required: only failures about those are excused.
     */
    public record ContractStep(Path file, String reason, Set<String> names) {

        /** PostgreSQL quotes the object it cannot find or fill: column "name" does not exist. */
        public boolean excuses(SchemaProblem problem) {
            return names.stream().anyMatch(name -> problem.message().contains("\"" + name + "\""));
        }
    }

    /** The previous release, or why there is none to check against. */
    public record Lookup(Optional<PreviousRelease> release, String note) {}

    public static Lookup fromEnvironment(Path repository, Path migrationsRoot) {
        return fromGit(
                repository,
                migrationsRoot,
                System.getenv().getOrDefault("KEEL_RELEASE_TAGS", "v*"),
                System.getenv().getOrDefault("KEEL_MAIN_REF", "main"));
    }

    /**
     * @param repository     any directory in the working tree
     * @param migrationsRoot the folder holding {@code migration/} (as {@link MigrationFiles} takes it)
     */
    public static Lookup fromGit(Path repository, Path migrationsRoot, String tagPattern, String mainRef) {
        // The newest release this commit builds on: a tag on HEAD itself is this release, not the previous one.
        List<String> atHead = lines(Git.run(repository, "tag", "--points-at", "HEAD", "--list", tagPattern));
        List<String> tags =
                lines(Git.run(repository, "tag", "--merged", "HEAD", "--sort=creatordate", "--list", tagPattern))
                        .stream()
                        .filter(tag -> !atHead.contains(tag))
                        .toList();
        String ref = tags.isEmpty() ? mainRef : tags.getLast();
        Optional<String> commit = revParse(repository, ref);
        if (commit.isEmpty()) {
            return new Lookup(
                    Optional.empty(),
                    "no previous release to check against: no tag matches " + tagPattern + " and " + mainRef
                            + " is not a git ref here (set KEEL_MAIN_REF, e.g. origin/main in CI)");
        }
        boolean head = commit.equals(revParse(repository, "HEAD"));
        List<String> paths = Git.run(repository, "ls-tree", "-r", "--name-only", "--full-tree", ref)
                .map(out -> out.lines()
                        .map(String::strip)
                        .filter(path -> MapperSource.PATH.matcher(path).matches())
                        .toList())
                .orElse(List.of());
        List<MapperSource> mappers = new ArrayList<>();
        for (String path : paths) {
            Git.run(repository, "show", ref + ":" + path)
                    .ifPresent(xml -> mappers.add(new MapperSource(ref + ":" + path, xml)));
        }
        Set<String> released = new HashSet<>(
                Git.versionsAt(ref, migrationsRoot.resolve("migration")).orElse(List.of()));
        List<Path> newMigrations = new MigrationFiles(migrationsRoot)
                .migrations().stream()
                        .filter(migration -> !released.contains(migration.version()))
                        .map(MigrationFiles.Migration::file)
                        .toList();
        String note = "previous release: " + ref + (tags.isEmpty() ? " (no tag matches " + tagPattern + ")" : "")
                + ", " + mappers.size() + " mapper file" + (mappers.size() == 1 ? "" : "s") + ", "
                + newMigrations.size()
                + " migration" + (newMigrations.size() == 1 ? "" : "s") + " new since it"
                + (head ? "; HEAD is " + ref + ", so this repeats the drift check on the committed mappers" : "");
        return new Lookup(Optional.of(new PreviousRelease(ref, head, mappers, newMigrations)), note);
    }

    private static List<String> lines(Optional<String> output) {
        return output.map(out -> out.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    /** The new migrations that declare themselves contract steps with a reason. */
    public List<ContractStep> contractSteps() {
        List<ContractStep> steps = new ArrayList<>();
        for (Path file : newMigrations) {
            try {
                Matcher matcher = CONTRACT_LINE.matcher(Files.readString(file));
                while (matcher.find()) {
                    // A bare marker excuses nothing: the reason is what a reviewer checks.
                    if (!matcher.group(1).isBlank()) {
                        steps.add(new ContractStep(file, matcher.group(1).strip(), contractedNames(file)));
                    }
                }
            } catch (IOException e) {
                // unreadable: it declares nothing, so nothing is excused
            }
        }
        return steps;
    }

    /** What a migration takes away from the running release, read with the migration checker's parser. */
    private static Set<String> contractedNames(Path file) {
        Set<String> names = new HashSet<>();
        FlywayScript script;
        try {
            script = FlywayScript.read(file);
        } catch (RuntimeException e) {
            return names; // unreadable SQL names nothing, so excuses nothing
        }
        for (Operation operation : script.operations()) {
            switch (operation) {
                case Operation.AlterTable alter ->
                    alter.actions().forEach(action -> {
                        switch (action) {
                            case Operation.DropColumn drop -> names.add(drop.column());
                            case Operation.RenameColumn rename -> names.add(rename.from());
                            case Operation.AlterColumnType change -> names.add(change.column());
                            case Operation.SetNotNull set -> names.add(set.column());
                            case Operation.AddColumn add
                            when add.column().notNull() && !add.column().hasDefault() ->
                                names.add(add.column().columnName());
                            case Operation.RenameTable ignored ->
                                names.add(alter.table().name());
                            default -> {}
                        }
                    });
                case Operation.Drop drop -> drop.names().forEach(name -> names.add(name.name()));
                default -> {}
            }
        }
        return names;
    }

    private static Optional<String> revParse(Path repository, String ref) {
        return Git.run(repository, "rev-parse", "--verify", "--quiet", ref + "^{commit}")
                .map(String::strip);
    }
}
