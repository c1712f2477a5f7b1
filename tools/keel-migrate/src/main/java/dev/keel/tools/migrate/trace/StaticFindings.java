package dev.keel.tools.migrate.trace;

import dev.keel.tools.lint.Finding;
import dev.keel.tools.lint.Rule;
import dev.keel.tools.sql.Token;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The static checker's findings, reported and suppressed alike, matched to the statements the
 * trace ran: by file, and by the finding's line lying within the statement.
 */
final class StaticFindings {

    private static final Set<Rule> OBSERVABLE = Hazard.observableRules();

    private final List<Finding> findings;

    StaticFindings(Collection<Finding> reported, Collection<Finding> suppressed) {
        List<Finding> all = new ArrayList<>(reported);
        all.addAll(suppressed);
        this.findings = List.copyOf(all);
    }

    /**
     * What covers {@code hazard}, as "rule-id (line n)": a finding about it on the statement that
     * caused it (or, for some hazards, on a statement that ran while the lock was held), or a
     * {@code -- keel:allow trace-...} comment accepting the observation.
     */
    List<String> covering(
            FileTrace file, Hazard hazard, StatementTrace cause, List<StatementTrace> whileHeld, Rule observed) {
        List<String> covering = new ArrayList<>();
        if (allows(cause, observed)) {
            covering.add("keel:allow " + observed.id() + " (line " + cause.line() + ")");
        }
        on(file, cause).stream()
                .filter(finding -> is(finding, hazard.onTheStatement()))
                .map(StaticFindings::cite)
                .forEach(covering::add);
        for (StatementTrace statement : whileHeld) {
            on(file, statement).stream()
                    .filter(finding -> is(finding, hazard.whileHeld()))
                    .map(StaticFindings::cite)
                    .forEach(covering::add);
        }
        return covering.stream().distinct().toList();
    }

    /** Findings on the statement about a hazard the trace can see, for the statements where it saw none. */
    List<Finding> observable(FileTrace file, StatementTrace statement) {
        return on(file, statement).stream()
                .filter(finding -> is(finding, OBSERVABLE))
                .toList();
    }

    private List<Finding> on(FileTrace file, StatementTrace statement) {
        return findings.stream()
                .filter(finding -> sameFile(finding.file(), file))
                .filter(finding -> finding.line() >= statement.line() && finding.line() <= statement.endLine())
                .toList();
    }

    private static boolean is(Finding finding, Set<Rule> rules) {
        return Rule.byId(finding.rule()).filter(rules::contains).isPresent();
    }

    private static String cite(Finding finding) {
        return finding.rule() + " (line " + finding.line() + ")";
    }

    private static boolean sameFile(String findingFile, FileTrace file) {
        String normalized = findingFile.replace('\\', '/');
        return findingFile.equals(file.file())
                || normalized.equals(file.fileName())
                || normalized.endsWith("/" + file.fileName());
    }

    /** A {@code -- keel:allow trace-... <reason>} before the statement accepts what the trace saw there. */
    private static boolean allows(StatementTrace statement, Rule observed) {
        for (Token comment : statement.statement().commentsBefore()) {
            String text = comment.text()
                    .replaceFirst("^(--|/\\*)", "")
                    .replaceFirst("\\*/$", "")
                    .strip();
            String[] words = text.toLowerCase(Locale.ROOT).split("\\s+", 3);
            if (words.length == 3 && words[0].equals("keel:allow") && words[1].equals(observed.id())) {
                return true;
            }
        }
        return false;
    }
}
