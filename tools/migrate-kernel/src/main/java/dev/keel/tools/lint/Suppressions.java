package dev.keel.tools.lint;

import dev.keel.tools.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code -- keel:allow <rule-id> <reason>} comments before a statement: each suppresses that
 * rule's findings on the statement, must give a reason, and is reported when it suppresses nothing.
 */
final class Suppressions {

    private static final String DIRECTIVE = "keel:allow";
    private static final Set<Rule> UNSUPPRESSIBLE =
            Set.of(Rule.SYNTAX, Rule.SUPPRESSION_WITHOUT_REASON, Rule.UNKNOWN_RULE, Rule.UNUSED_SUPPRESSION);

    /** One keel:allow comment. */
    private record Allow(Rule rule, Token comment) {}

    private Suppressions() {}

    /**
     * Splits a statement's findings into what stays reported and what the comments before it
     * suppress; adds findings for malformed or unused directives.
     */
    static void apply(
            String file,
            List<Token> commentsBefore,
            List<Finding> statementFindings,
            List<Finding> reported,
            List<Finding> suppressed) {
        List<Allow> allows = new ArrayList<>();
        for (Token comment : commentsBefore) {
            parse(file, comment, reported).ifPresent(allows::add);
        }
        List<Allow> used = new ArrayList<>();
        for (Finding finding : statementFindings) {
            Allow allow = allows.stream()
                    .filter(candidate ->
                            candidate.rule().id().equals(finding.rule()) && !UNSUPPRESSIBLE.contains(candidate.rule()))
                    .findFirst()
                    .orElse(null);
            if (allow == null) {
                reported.add(finding);
            } else {
                suppressed.add(finding);
                used.add(allow);
            }
        }
        // trace-* findings come from make migrate-trace, which honours the same comments; lint cannot judge them.
        allows.stream()
                .filter(allow -> !used.contains(allow) && !isTraceRule(allow.rule()))
                .forEach(allow -> reported.add(Finding.of(
                        Rule.UNUSED_SUPPRESSION,
                        file,
                        allow.comment().line(),
                        allow.comment().column(),
                        "keel:allow " + allow.rule().id() + " suppresses nothing on the statement after it")));
    }

    private static boolean isTraceRule(Rule rule) {
        return rule.id().startsWith("trace-");
    }

    /** Directives after a file's last statement come before nothing. */
    static void unattached(String file, List<Token> comments, List<Finding> reported) {
        for (Token comment : comments) {
            parse(file, comment, reported)
                    .ifPresent(allow -> reported.add(Finding.of(
                            Rule.UNUSED_SUPPRESSION,
                            file,
                            comment.line(),
                            comment.column(),
                            "keel:allow " + allow.rule().id() + " has no statement after it")));
        }
    }

    private static java.util.Optional<Allow> parse(String file, Token comment, List<Finding> reported) {
        String text = body(comment);
        if (!text.toLowerCase(java.util.Locale.ROOT).startsWith(DIRECTIVE)) {
            return java.util.Optional.empty();
        }
        String[] parts = text.substring(DIRECTIVE.length()).strip().split("\\s+", 2);
        if (parts[0].isEmpty()) {
            reported.add(
                    Finding.of(Rule.UNKNOWN_RULE, file, comment.line(), comment.column(), "keel:allow names no rule"));
            return java.util.Optional.empty();
        }
        java.util.Optional<Rule> rule = Rule.byId(parts[0]);
        if (rule.isEmpty()) {
            reported.add(Finding.of(
                    Rule.UNKNOWN_RULE,
                    file,
                    comment.line(),
                    comment.column(),
                    "keel:allow " + parts[0] + ": there is no such rule"));
            return java.util.Optional.empty();
        }
        if (parts.length < 2 || parts[1].isBlank()) {
            reported.add(Finding.of(
                    Rule.SUPPRESSION_WITHOUT_REASON,
                    file,
                    comment.line(),
                    comment.column(),
                    "keel:allow " + parts[0] + " gives no reason"));
        }
        return java.util.Optional.of(new Allow(rule.get(), comment));
    }

    private static String body(Token comment) {
        String text = comment.text();
        text = comment.kind() == Token.Kind.LINE_COMMENT ? text.substring(2) : text.substring(2, text.length() - 2);
        return text.strip();
    }
}
