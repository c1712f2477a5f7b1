package dev.keel.tools.lint;

import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.Operation.ColumnDefinition;
import dev.keel.tools.sql.Token;
import dev.keel.tools.sql.TypeName;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Types that age badly (json, int keys, varchar(n), char(n), timestamp) and identifiers PostgreSQL would truncate. */
final class TypeRules implements StatementRule {

    private static final int MAX_IDENTIFIER_BYTES = 63;

    @Override
    public void check(StatementContext context) {
        switch (context.operation) {
            case Operation.CreateTable create -> {
                create.columns().forEach(column -> checkColumn(context, column));
                // A composite key (widget_id, position) is not what runs out: only a key of one int column.
                create.constraints().stream()
                        .filter(constraint -> constraint.kind() == Operation.ConstraintKind.PRIMARY_KEY
                                && constraint.columns().size() == 1)
                        .flatMap(constraint -> constraint.columns().stream())
                        .forEach(key -> create.columns().stream()
                                .filter(column -> column.columnName().equals(key))
                                .forEach(column -> checkKeyType(context, column.type(), column.columnName())));
            }
            case Operation.AlterTable alter ->
                alter.actions().forEach(action -> {
                    if (action instanceof Operation.AddColumn add) {
                        checkColumn(context, add.column());
                    } else if (action instanceof Operation.AlterColumnType change) {
                        checkType(context, change.type(), change.column());
                    }
                });
            default -> {}
        }
        checkIdentifiers(context, context.statement.tokens());
    }

    private static void checkColumn(StatementContext context, ColumnDefinition column) {
        checkType(context, column.type(), column.columnName());
        if (column.primaryKey()) {
            checkKeyType(context, column.type(), column.columnName());
        }
    }

    private static void checkType(StatementContext context, TypeName type, String column) {
        if (type.at() == null || type.at().kind() == Token.Kind.QUOTED_IDENTIFIER) {
            return; // "char" and other quoted names are PostgreSQL's internal types, written on purpose
        }
        if (type.isOneOf("json")) {
            context.report(Rule.PREFER_JSONB, type.at(), column + " is json; use jsonb");
        } else if (type.isOneOf("timestamp")) {
            context.report(Rule.TIMESTAMP_WITHOUT_TIME_ZONE, type.at(), column + " is " + type + "; use timestamptz");
        } else if (type.isOneOf("varchar") && !type.modifiers().isEmpty()) {
            context.report(
                    Rule.VARCHAR_LENGTH,
                    type.at(),
                    column + " is " + type + "; use text, with a CHECK on " + "char_length if the limit is a rule");
        } else if (type.isOneOf("char")) {
            context.report(Rule.CHAR_TYPE, type.at(), column + " is " + type + ", which pads with spaces; use text");
        }
    }

    private static void checkKeyType(StatementContext context, TypeName type, String column) {
        if (type.isOneOf("integer", "smallint", "serial", "smallserial")) {
            context.report(Rule.INT_KEY, type.at(), "primary key " + column + " is " + type + "; use uuid or bigint");
        }
    }

    private static void checkIdentifiers(StatementContext context, List<Token> tokens) {
        for (Token token : tokens) {
            if ((token.kind() == Token.Kind.WORD || token.kind() == Token.Kind.QUOTED_IDENTIFIER)
                    && token.name().getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
                context.report(
                        Rule.IDENTIFIER_TOO_LONG,
                        token,
                        "identifier of "
                                + token.name().getBytes(StandardCharsets.UTF_8).length + " bytes would be cut to "
                                + MAX_IDENTIFIER_BYTES + ": " + token.name());
            }
        }
    }
}
