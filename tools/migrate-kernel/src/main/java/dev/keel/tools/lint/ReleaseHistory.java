package dev.keel.tools.lint;

import dev.keel.tools.migration.Git;
import dev.keel.tools.migration.MigrationFiles;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which release each migration shipped in, from git tags: migrations that first appear in the
 * same release tag, or that no tag holds yet, ran together on an empty-to-them table, so an
 * object one of them created is new to the others. Without any release tag every migration
 * counts as released on its own, the strict reading: only the same file makes an object new.
 */
public final class ReleaseHistory {

    /** The group of migrations in no release yet. */
    public static final String UNRELEASED = "unreleased";

    private final Map<String, String> releaseOfVersion;
    private final boolean tagged;
    private final String description;

    private ReleaseHistory(Map<String, String> releaseOfVersion, boolean tagged, String description) {
        this.releaseOfVersion = Map.copyOf(releaseOfVersion);
        this.tagged = tagged;
        this.description = description;
    }

    /** Releases from the git tags matching KEEL_RELEASE_TAGS, default v*. */
    public static ReleaseHistory fromEnvironment(Path migrationDirectory) {
        return fromGit(migrationDirectory, System.getenv().getOrDefault("KEEL_RELEASE_TAGS", "v*"));
    }

    /** Releases from the git tags matching {@code tagPattern} (such as v*), oldest first. */
    public static ReleaseHistory fromGit(Path migrationDirectory, String tagPattern) {
        Path directory = migrationDirectory.toAbsolutePath();
        List<String> tags = Git.run(
                        directory.getParent(),
                        "for-each-ref",
                        "--sort=creatordate",
                        "--format=%(refname:short)",
                        "refs/tags/" + tagPattern)
                .map(output -> output.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .toList())
                .orElse(List.of());
        if (tags.isEmpty()) {
            return everyFileReleased(
                    "no git tag matches " + tagPattern + ": every migration counts as released, so only "
                            + "objects created in the same file are new (tag releases, or set KEEL_RELEASE_TAGS)");
        }
        Map<String, String> releases = new HashMap<>();
        for (String tag : tags) {
            Git.versionsAt(tag, directory).orElse(List.of()).forEach(version -> releases.putIfAbsent(version, tag));
        }
        if (releases.isEmpty()) {
            // Tags that hold none of these migrations (the folder moved, a shallow clone): failing open would
            // make every table look new, so fall back to the strict reading.
            return everyFileReleased(tags.size() + " git tag" + (tags.size() == 1 ? "" : "s") + " match " + tagPattern
                    + " but none holds a migration in " + directory + ": every migration counts as released");
        }
        return new ReleaseHistory(
                releases,
                true,
                "releases from " + tags.size() + " git tag" + (tags.size() == 1 ? "" : "s") + " matching " + tagPattern
                        + ", newest " + tags.getLast());
    }

    /** Every migration its own release: the strictest reading. */
    public static ReleaseHistory everyFileReleased(String description) {
        return new ReleaseHistory(Map.of(), false, description);
    }

    /** Migrations from {@code firstUnreleased} on are unreleased; older ones each count as released on their own. */
    public static ReleaseHistory unreleasedFrom(String firstUnreleased, List<MigrationFiles.Migration> migrations) {
        Map<String, String> releases = new HashMap<>();
        migrations.stream()
                .map(MigrationFiles.Migration::version)
                .filter(version -> version.compareTo(firstUnreleased) < 0)
                .forEach(version -> releases.put(version, "released-" + version));
        return new ReleaseHistory(releases, true, "unreleased from " + firstUnreleased);
    }

    /** The release group of a migration version; files outside the migration folder are unreleased. */
    public String group(String version) {
        if (version == null) {
            return UNRELEASED;
        }
        if (!tagged) {
            return "file-" + version;
        }
        return releaseOfVersion.getOrDefault(version, UNRELEASED);
    }

    public String description() {
        return description;
    }
}
