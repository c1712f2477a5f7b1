package dev.keel.tools.devservices.db;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.Directories;
import dev.keel.tools.devservices.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The development database of a checkout: one per git branch, so a branch's migrations never
 * touch another branch's data. {@code KEEL_DB_NAME} fixes the name; outside a git checkout, or
 * on a detached HEAD (bisect, a checked-out tag), the name is {@value #FIXED}.
 *
 * @param name   a plain SQL identifier of at most 63 bytes
 * @param branch the branch it belongs to, empty for a fixed name
 * @param source why this name: the branch, the setting, or the fallback
 */
public record DatabaseName(String name, Optional<String> branch, String source) {

    public static final String SETTING = "KEEL_DB_NAME";
    public static final String FIXED = "keel";
    /** Every branch database starts with this, which is how db-branches and db-prune find them. */
    public static final String BRANCH_PREFIX = FIXED + "_";

    static final int MAX_LENGTH = 63;
    private static final int HASH_LENGTH = 6;
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern PLAIN_BRANCH = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)*");
    private static final Set<String> SERVER_DATABASES = Set.of("postgres", "template0", "template1");

    /** The name for {@code project}: the setting, else its branch, else {@value #FIXED}. */
    public static DatabaseName resolve(Map<String, String> env, Path project) {
        String fixed = env.get(SETTING);
        if (fixed != null && !fixed.isBlank()) {
            String name = fixed.strip();
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new DevServiceException(SETTING + "=" + fixed + " is not a plain lower-case SQL identifier "
                        + "(letters, digits and _, at most 63, not starting with a digit).");
            }
            if (SERVER_DATABASES.contains(name)) {
                throw new DevServiceException(SETTING + "=" + name + " names one of the server's own databases, "
                        + "which the db targets would wipe or drop. Fix: pick a name of your own.");
            }
            return new DatabaseName(name, Optional.empty(), SETTING);
        }
        return currentBranch(project)
                .map(branch -> new DatabaseName(forBranch(branch), Optional.of(branch), "git branch " + branch))
                .orElseGet(() -> new DatabaseName(FIXED, Optional.empty(), "no git branch here"));
    }

    /**
     * The database for {@code branch}. A branch that is already a plain lower-case name keeps it
     * ({@code main} gives {@code keel_main}); any other gets its readable part plus a short hash of
     * the exact branch name, so {@code feature/a-b} and {@code feature/a_b} never share a database.
     * The result is the same on every machine and never longer than PostgreSQL's 63 bytes.
     */
    public static String forBranch(String branch) {
        String slug =
                branch.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (PLAIN_BRANCH.matcher(branch).matches() && BRANCH_PREFIX.length() + branch.length() <= MAX_LENGTH) {
            return BRANCH_PREFIX + branch;
        }
        String hash = Directories.sha256Hex(branch).substring(0, HASH_LENGTH);
        int room = MAX_LENGTH - BRANCH_PREFIX.length() - 1 - HASH_LENGTH;
        String readable = slug.length() > room ? slug.substring(0, room).replaceAll("_+$", "") : slug;
        return BRANCH_PREFIX + (readable.isEmpty() ? "" : readable + "_") + hash;
    }

    /**
     * The checked-out branch, also in the middle of a rebase (which detaches HEAD from the branch
     * it rewrites); empty outside a git checkout, on any other detached HEAD, or without git.
     */
    public static Optional<String> currentBranch(Path project) {
        Processes.Result result = Processes.run(
                List.of("git", "-C", project.toString(), "symbolic-ref", "--quiet", "--short", "HEAD"),
                Duration.ofSeconds(10));
        if (result.succeeded() && !result.output().isBlank()) {
            return Optional.of(result.output().strip());
        }
        return rebasing(project);
    }

    /** The branch a rebase in progress rewrites, as git records it in rebase-merge/ or rebase-apply/. */
    private static Optional<String> rebasing(Path project) {
        for (String state : List.of("rebase-merge/head-name", "rebase-apply/head-name")) {
            Processes.Result path = Processes.run(
                    List.of("git", "-C", project.toString(), "rev-parse", "--git-path", state), Duration.ofSeconds(10));
            if (!path.succeeded()) {
                return Optional.empty();
            }
            try {
                Path file = project.resolve(path.output().strip());
                if (Files.isRegularFile(file)) {
                    String ref = Files.readString(file).strip();
                    if (ref.startsWith("refs/heads/")) {
                        return Optional.of(ref.substring("refs/heads/".length()));
                    }
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The local branches of {@code project}; empty outside a git checkout. */
    public static List<String> localBranches(Path project) {
        Processes.Result result = Processes.run(
                List.of("git", "-C", project.toString(), "for-each-ref", "--format=%(refname:short)", "refs/heads/"),
                Duration.ofSeconds(10));
        if (!result.succeeded()) {
            throw new DevServiceException("git could not list the branches of " + project + ": " + result.output());
        }
        return result.output()
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }

    public String describe() {
        return name + " (" + source + ")";
    }
}
