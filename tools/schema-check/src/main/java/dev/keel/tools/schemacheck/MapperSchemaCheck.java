package dev.keel.tools.schemacheck;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.mapping.StatementType;
import org.apache.ibatis.session.Configuration;

/**
 * Every statement of a MyBatis configuration, each SQL variant it renders, prepared (and, for
 * selects, inserts, updates and deletes, run and rolled back) against a database: the drift check
 * for today's mappers, the compatibility check for the release still running.
 */
public final class MapperSchemaCheck {

    /** How much was checked, and what failed. */
    public record Result(
            String release, int statements, int sqlTexts, List<SchemaProblem> problems, List<String> unchecked) {

        /** The counts, and the statements a variant of which could not be rendered, so nobody reads them as checked. */
        public String summary() {
            return "[" + release + "] " + statements + " statement" + (statements == 1 ? "" : "s") + ", " + sqlTexts
                    + " SQL text" + (sqlTexts == 1 ? "" : "s") + " checked, " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s")
                    + (unchecked.isEmpty()
                            ? ""
                            : "; not every branch of "
                                    + String.join(", ", unchecked)
                                    + " could be rendered (a test comparing values), so those "
                                    + "branches are unchecked");
        }
    }

    private MapperSchemaCheck() {}

    /** Uses {@code connection} in transactions it rolls back; leaves auto-commit off. */
    public static Result check(String release, Configuration configuration, Connection connection) throws SQLException {
        StatementProbe probe = new StatementProbe(connection);
        List<SchemaProblem> problems = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        int sqlTexts = 0;
        List<MappedStatement> statements = statements(configuration);
        for (MappedStatement statement : statements) {
            SqlVariants.Rendered rendered = SqlVariants.of(statement);
            if (rendered.sqlToVariant().isEmpty()) {
                problems.add(new SchemaProblem(
                        release,
                        statement.getId(),
                        "",
                        "could not render its SQL to check it: " + rendered.failures()));
            } else if (!rendered.failures().isEmpty()) {
                unchecked.add(statement.getId());
            }
            Set<String> columns = expectedColumns(statement);
            boolean callable = statement.getStatementType() == StatementType.CALLABLE;
            boolean runnable = statement.getSqlCommandType() != SqlCommandType.UNKNOWN
                    && statement.getSqlCommandType() != SqlCommandType.FLUSH;
            for (Map.Entry<String, String> sql : rendered.sqlToVariant().entrySet()) {
                sqlTexts++;
                String variant = rendered.sqlToVariant().size() > 1 ? " (" + sql.getValue() + ")" : "";
                probe.check(sql.getKey(), columns, callable, runnable)
                        .ifPresent(message -> problems.add(
                                new SchemaProblem(release, statement.getId() + variant, sql.getKey(), message)));
            }
        }
        return new Result(release, statements.size(), sqlTexts, problems, List.copyOf(unchecked));
    }

    /**
     * Each statement once, by its full id. The statement map also holds short ids, some of them
     * markers of ambiguity rather than statements, so it is read through the full names only.
     */
    private static List<MappedStatement> statements(Configuration configuration) {
        Map<String, MappedStatement> byId = new TreeMap<>();
        for (String name : List.copyOf(configuration.getMappedStatementNames())) {
            if (name.contains(".")) {
                MappedStatement statement = configuration.getMappedStatement(name);
                byId.putIfAbsent(statement.getId(), statement);
            }
        }
        return byId.values().stream()
                .sorted(Comparator.comparing(MappedStatement::getId))
                .toList();
    }

    private static Set<String> expectedColumns(MappedStatement statement) {
        Set<String> columns = new LinkedHashSet<>();
        for (ResultMap resultMap : statement.getResultMaps()) {
            columns.addAll(resultMap.getMappedColumns());
        }
        return columns;
    }
}
