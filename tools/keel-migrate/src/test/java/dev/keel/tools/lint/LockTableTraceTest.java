package dev.keel.tools.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.migrate.ScratchServers;
import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.OperationParser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lock table ({@link StatementKind}) against PostgreSQL 17: every row's sample runs on a
 * populated live schema, and what it locks, rewrites, scans and rebuilds must be what the row
 * says, so a wrong edit of the table fails here. Each parser kind must have a row, and each
 * sample must be read by the checker as its own row.
 */
// Lock sampling catches short locks only with the machine to itself.
@Isolated
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockTableTraceTest {

    private static final String DATABASE =
            "keel_lock_table_" + ProcessHandle.current().pid();

    /** An index that depends on the column (as a key, in an expression or in its predicate); ? is the column. */
    private static final String ON_COLUMN = "(EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = x.indrelid "
            + "AND a.attname = ? AND a.attnum = ANY (x.indkey)) "
            + "OR coalesce(pg_get_expr(x.indexprs, x.indrelid), '') ~ ('\\m' || ? || '\\M') "
            + "OR coalesce(pg_get_expr(x.indpred, x.indrelid), '') ~ ('\\m' || ? || '\\M'))";

    private static final String INDEXES_OF =
            "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = ?::regclass";

    private PostgresEndpoint fixture;
    private int copies;

    @BeforeAll
    void createFixture() throws SQLException {
        fixture = LockTableFixture.create(DATABASE);
    }

    @AfterAll
    void dropFixture() throws SQLException {
        if (fixture != null) {
            LockTableFixture.drop(fixture);
        }
        try (Connection server = LockTableFixture.connect(ScratchServers.admin());
                Statement statement = server.createStatement()) {
            statement.execute("DROP TABLESPACE IF EXISTS " + LockTableFixture.TABLESPACE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StatementKind.class)
    void everyRowIsWhatPostgresDoes(StatementKind kind) throws Exception {
        LockTrace.Measured measured;
        Set<String> expectedRebuilt;
        try (Connection connection = LockTableFixture.connect(fixture)) {
            expectedRebuilt = rebuilt(connection, kind);
            measured = LockTrace.inTransaction(connection, kind.sample());
        }
        if (measured == null) { // CONCURRENTLY, VACUUM FULL: on a copy, as the statement commits
            PostgresEndpoint copy = LockTableFixture.copy(fixture, DATABASE + "_" + ++copies);
            try {
                measured = LockTrace.outsideTransaction(copy, kind.sample());
            } finally {
                LockTableFixture.drop(copy);
            }
        }

        assertThat(measured)
                .as(kind.sample())
                .isEqualTo(new LockTrace.Measured(kind.lock(), kind.rewrites(), kind.scans(), expectedRebuilt));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StatementKind.class)
    void everySampleIsReadAsItsOwnRow(StatementKind kind) {
        Operation operation = OperationParser.parse(LockTableFixture.statement(kind.sample()));

        assertThat(StatementKinds.of(operation, LockTableFixture.schema()))
                .as(kind.sample())
                .extracting(StatementKinds.Locked::kind)
                .contains(kind);
        assertThat(kind.parsed()).isAssignableFrom(actionOrOperation(operation).getClass());
    }

    @Test
    void everyKindTheParserKnowsHasARow() {
        Set<Class<?>> covered =
                Arrays.stream(StatementKind.values()).map(StatementKind::parsed).collect(Collectors.toSet());
        // ALTER TABLE is its actions: each of them has its rows.
        Stream<Class<?>> kinds = Stream.concat(
                        Arrays.stream(Operation.class.getPermittedSubclasses()),
                        Arrays.stream(Operation.AlterAction.class.getPermittedSubclasses()))
                .filter(kind -> kind != Operation.AlterTable.class);

        assertThat(kinds).allMatch(covered::contains, "has a row in StatementKind");
    }

    /**
     * A type change to the same type keeps the table and the indexes on the plain column (unique
     * too), and rebuilds the partial and expression indexes on it: what PostgreSQL rebuilds is
     * what the schema model names.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"ALTER TABLE t ALTER COLUMN name TYPE text", "ALTER TABLE t ALTER COLUMN code TYPE varchar(50)"})
    void aSameTypeChangeRebuildsExactlyTheIndexesTheCheckerNames(String sample) throws SQLException {
        Operation.AlterTable alter = (Operation.AlterTable) OperationParser.parse(LockTableFixture.statement(sample));
        String column = ((Operation.AlterColumnType) alter.actions().getFirst()).column();
        SchemaModel schema = LockTableFixture.schema();
        LockTrace.Measured measured;
        try (Connection connection = LockTableFixture.connect(fixture)) {
            measured = LockTrace.inTransaction(connection, sample);
        }

        assertThat(StatementKinds.ofAction(alter.actions().getFirst(), schema.table(alter.table()), schema))
                .isEqualTo(StatementKind.ALTER_COLUMN_TYPE_SAME);
        assertThat(measured.rewrites()).isFalse();
        assertThat(measured.lock()).isEqualTo(TableLockMode.ACCESS_EXCLUSIVE);
        assertThat(measured.rebuilt())
                .containsExactlyInAnyOrderElementsOf(schema.indexesMentioning(schema.table(alter.table()), column))
                .containsExactlyInAnyOrder("t_" + column + "_live_idx", "t_" + column + "_lower_idx");
    }

    /** The indexes the row says the sample rebuilds, named from the catalog before it runs. */
    private static Set<String> rebuilt(Connection connection, StatementKind kind) throws SQLException {
        Operation operation = OperationParser.parse(LockTableFixture.statement(kind.sample()));
        StatementKinds.Locked locked = StatementKinds.of(operation, LockTableFixture.schema()).stream()
                .filter(candidate -> candidate.kind() == kind)
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind.sample() + " is not read as " + kind));
        String query =
                switch (kind.rebuilds()) {
                    case NONE -> null;
                    case NAMED -> "SELECT relname FROM pg_class WHERE relname = ?";
                    case ALL -> INDEXES_OF;
                    case ON_COLUMN -> INDEXES_OF + " AND " + ON_COLUMN;
                    case EXPRESSION_OR_PREDICATE ->
                        INDEXES_OF + " AND (x.indexprs IS NOT NULL OR x.indpred IS NOT NULL) AND " + ON_COLUMN;
                };
        Set<String> names = new TreeSet<>();
        if (query == null) {
            return names;
        }
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, locked.table().toString());
            for (int i = 2; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                statement.setString(i, alteredColumn(operation));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static String alteredColumn(Operation operation) {
        return ((Operation.AlterColumnType)
                        ((Operation.AlterTable) operation).actions().getFirst())
                .column();
    }

    private static Object actionOrOperation(Operation operation) {
        return operation instanceof Operation.AlterTable alter ? alter.actions().getFirst() : operation;
    }
}
