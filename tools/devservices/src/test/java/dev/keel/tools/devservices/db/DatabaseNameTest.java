package dev.keel.tools.devservices.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.Directories;
import dev.keel.tools.devservices.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseNameTest {

    private static final Pattern SQL_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    @TempDir
    Path project;

    @Test
    void aPlainBranchKeepsItsName() {
        assertThat(DatabaseName.forBranch("main")).isEqualTo("keel_main");
        assertThat(DatabaseName.forBranch("release_2026")).isEqualTo("keel_release_2026");
    }

    @Test
    void anyOtherBranchGetsItsReadablePartAndAHashOfTheExactName() {
        String slash = DatabaseName.forBranch("feature/login-page");
        assertThat(slash).matches("keel_feature_login_page_[0-9a-f]{6}");
        // Branches that sanitise alike still get databases of their own.
        assertThat(DatabaseName.forBranch("feature/a-b"))
                .isNotEqualTo(DatabaseName.forBranch("feature/a_b"))
                .isNotEqualTo(DatabaseName.forBranch("Feature/A-B"));
        assertThat(DatabaseName.forBranch("Main")).isNotEqualTo(DatabaseName.forBranch("main"));
    }

    @Test
    void namesAreStableIdentifiersOfAtMost63Bytes() {
        String longBranch = "feature/" + "very-long-branch-name-".repeat(10) + "ending";
        String name = DatabaseName.forBranch(longBranch);
        assertThat(name.length()).isLessThanOrEqualTo(63);
        assertThat(name).matches(SQL_IDENTIFIER).startsWith("keel_feature_very_long_branch_name");
        assertThat(DatabaseName.forBranch(longBranch)).isEqualTo(name);
        assertThat(DatabaseName.forBranch(longBranch + "2")).isNotEqualTo(name);
        for (String branch : List.of("ümlaut/ä", "---", "1.2.3", "a".repeat(59), "a".repeat(60), "x@{y}")) {
            assertThat(DatabaseName.forBranch(branch)).as(branch).matches(SQL_IDENTIFIER);
        }
        assertThat(DatabaseName.forBranch("a".repeat(58))).isEqualTo("keel_" + "a".repeat(58));
        assertThat(DatabaseName.forBranch("a".repeat(59))).hasSize(63).endsWith("_" + hashOf("a".repeat(59)));
    }

    private static String hashOf(String branch) {
        return Directories.sha256Hex(branch).substring(0, 6);
    }

    @Test
    void theCheckedOutBranchNamesTheDatabase() throws IOException {
        git("init", "-q", "-b", "main");
        commit();
        assertThat(DatabaseName.resolve(Map.of(), project)).satisfies(name -> {
            assertThat(name.name()).isEqualTo("keel_main");
            assertThat(name.branch()).contains("main");
        });
        git("checkout", "-q", "-b", "feature/x");
        assertThat(DatabaseName.resolve(Map.of(), project).name()).matches("keel_feature_x_[0-9a-f]{6}");
        assertThat(DatabaseName.localBranches(project)).containsExactlyInAnyOrder("main", "feature/x");
    }

    @Test
    void outsideGitOrOnADetachedHeadTheNameIsFixed() throws IOException {
        assertThat(DatabaseName.resolve(Map.of(), project).name()).isEqualTo("keel");
        git("init", "-q", "-b", "main");
        commit();
        git("checkout", "-q", "--detach");
        DatabaseName detached = DatabaseName.resolve(Map.of(), project);
        assertThat(detached.name()).isEqualTo("keel");
        assertThat(detached.branch()).isEmpty();
    }

    @Test
    void keelDbNameFixesTheNameAndMustBeAnIdentifier() throws IOException {
        git("init", "-q", "-b", "main");
        commit();
        assertThat(DatabaseName.resolve(Map.of("KEEL_DB_NAME", "shared_dev"), project)
                        .name())
                .isEqualTo("shared_dev");
        assertThatThrownBy(() -> DatabaseName.resolve(Map.of("KEEL_DB_NAME", "Robert'); DROP"), project))
                .isInstanceOf(DevServiceException.class)
                .hasMessageContaining("KEEL_DB_NAME");
        // The maintenance database would be wiped or dropped by the db targets.
        assertThatThrownBy(() -> DatabaseName.resolve(Map.of("KEEL_DB_NAME", "postgres"), project))
                .isInstanceOf(DevServiceException.class)
                .hasMessageContaining("server's own databases");
    }

    @Test
    void aRebaseInProgressKeepsItsBranchsDatabase() throws IOException {
        git("init", "-q", "-b", "main");
        commit();
        git("checkout", "-q", "-b", "feature/rebased");
        git("checkout", "-q", "--detach");
        // What git writes while it rebases feature/rebased with HEAD detached.
        Path state = Files.createDirectories(project.resolve(".git/rebase-merge"));
        Files.writeString(state.resolve("head-name"), "refs/heads/feature/rebased\n");
        assertThat(DatabaseName.resolve(Map.of(), project).name()).isEqualTo(DatabaseName.forBranch("feature/rebased"));
    }

    private void commit() throws IOException {
        Files.writeString(project.resolve("README"), "x");
        git("add", "README");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "init");
    }

    private void git(String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", project.toString()));
        command.addAll(List.of(arguments));
        Processes.Result result = Processes.run(command, Duration.ofSeconds(30));
        assertThat(result.succeeded()).as(result.output()).isTrue();
    }
}
