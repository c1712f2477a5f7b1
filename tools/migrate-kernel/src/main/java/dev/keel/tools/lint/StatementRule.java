package dev.keel.tools.lint;

/** A rule judged statement by statement, with the schema as the migrations before it left it. */
interface StatementRule {

    void check(StatementContext context);

    /** Called once the file's last statement was checked, for rules that need the whole file. */
    default void finish(FileScope file, SchemaModel schema, Reporter reporter) {}

    /** Reports a finding against one statement of the file, so keel:allow before it applies; returns it. */
    interface Reporter {
        Finding report(int statementIndex, Rule rule, dev.keel.tools.sql.Token at, String message);
    }
}
