package dev.keel.tools.migrate.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;

/**
 * Inserts generated rows into one table inside the caller's transaction: a whole batch when it
 * passes, else row by row under savepoints, learning which nullable columns a CHECK wants NULL.
 * Rows look like production's, not like a sequence: a nullable column is NULL on every
 * {@value #NULL_EVERY}th row, and a column under no unique key repeats its values (a third as
 * many values as rows), so a new NOT NULL, UNIQUE or partial unique index meets what it must.
 */
final class TableFiller {

    private static final int BATCH = 500;
    private static final int PARENT_KEYS = 10_000;
    static final int NULL_EVERY = 4;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String EXCLUSION_VIOLATION = "23P01";
    private static final Pattern IDENTIFIER = Pattern.compile("\"((?:[^\"]|\"\")+)\"|([A-Za-z_][A-Za-z0-9_$]*)");

    /** One foreign key's column, and which parent key tuples it may take. */
    private record Reference(int position, List<String[]> parentKeys) {}

    private final Connection connection;
    private final TableCatalog.Table table;
    private final ColumnValues values;
    private final long firstRow;
    private final List<TableCatalog.Column> inserted;
    private final Map<String, Reference> references = new HashMap<>();
    private final Map<String, List<String>> allowed;
    private final Set<String> nulled = new HashSet<>();
    /** Nullable columns a CHECK wants set, so they are not left NULL on every {@value #NULL_EVERY}th row. */
    private final Set<String> alwaysSet = new HashSet<>();
    /** How many distinct values a column under no unique key takes. */
    private long period = 1;

    TableFiller(Connection connection, TableCatalog.Table table, Random random, long firstRow) throws SQLException {
        this.connection = connection;
        this.table = table;
        this.values = new ColumnValues(random);
        this.firstRow = firstRow;
        for (TableCatalog.ForeignKey key : table.foreignKeys()) {
            List<String[]> parentKeys = parentKeys(key);
            for (int i = 0; i < key.columns().size(); i++) {
                references.putIfAbsent(key.columns().get(i), new Reference(i, parentKeys));
            }
        }
        // A default applies unless the column must differ per row; values the database assigns always apply.
        this.inserted = table.columns().stream()
                .filter(column -> !column.assignedByDatabase())
                .filter(column ->
                        !column.hasDefault() || table.isUnique(column.name()) || references.containsKey(column.name()))
                .toList();
        this.allowed = CheckLiterals.of(
                table.checks(), inserted.stream().map(TableCatalog.Column::name).collect(Collectors.toSet()));
    }

    /** Inserts {@code rows} rows; what could not be inserted is counted with the first error, never dropped silently. */
    RowGenerator.TableFill fill(int rows) throws SQLException {
        period = Math.max(1, rows / 3);
        int done = 0;
        int failed = 0;
        String firstError = null;
        try (PreparedStatement insert = connection.prepareStatement(insertSql())) {
            for (long start = firstRow; start < firstRow + rows; start += BATCH) {
                long end = Math.min(start + BATCH, firstRow + rows);
                if (insertBatch(insert, start, end)) {
                    done += (int) (end - start);
                    continue;
                }
                for (long n = start; n < end; n++) {
                    String error = insertRow(insert, n);
                    if (error == null) {
                        done++;
                    } else {
                        failed++;
                        firstError = firstError == null ? error : firstError;
                    }
                }
            }
        }
        return new RowGenerator.TableFill(table.displayName(), done, failed, firstError);
    }

    private boolean insertBatch(PreparedStatement insert, long start, long end) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            for (long n = start; n < end; n++) {
                bind(insert, n, false);
                insert.addBatch();
            }
            insert.executeBatch();
            connection.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            insert.clearBatch();
            connection.rollback(savepoint);
            return false;
        }
    }

    /**
     * Null when the row went in; else why it could not, after trying distinct values (a repeated
     * value a partial unique index refuses on this row) and NULLing or setting what might help.
     */
    private String insertRow(PreparedStatement insert, long n) throws SQLException {
        boolean distinct = false;
        while (true) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                bind(insert, n, distinct);
                insert.executeUpdate();
                connection.releaseSavepoint(savepoint);
                return null;
            } catch (SQLException e) {
                connection.rollback(savepoint);
                if (!distinct
                        && (UNIQUE_VIOLATION.equals(e.getSQLState()) || EXCLUSION_VIOLATION.equals(e.getSQLState()))) {
                    distinct = true;
                } else if (!setWhatMightHelp(e, n) && !nullWhatMightHelp(e)) {
                    return e.getMessage();
                }
            }
        }
    }

    /** On a row whose nullable columns are left NULL, a failed CHECK over them wants them set: set them always. */
    private boolean setWhatMightHelp(SQLException failure, long n) {
        if (!nullRow(n)) {
            return false;
        }
        boolean added = false;
        for (TableCatalog.Column column : inserted) {
            if (!column.notNull()
                    && !nulled.contains(column.name())
                    && checkColumns(failure).contains(column.name())) {
                added |= alwaysSet.add(column.name());
            }
        }
        return added;
    }

    private static boolean nullRow(long n) {
        return n % NULL_EVERY == NULL_EVERY - 1;
    }

    /** The columns the CHECK {@code failure} names uses; none when it is no CHECK's failure. */
    private Set<String> checkColumns(SQLException failure) {
        String constraint = failure instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getConstraint()
                : null;
        return table.checks().stream()
                .filter(check -> check.name().equals(constraint))
                .findFirst()
                .map(check -> identifiers(check.definition()))
                .orElse(Set.of());
    }

    /**
     * A failed CHECK names its constraint: NULL its nullable columns (all four attachment columns
     * of widget satisfy num_nulls(...) IN (0, 4)). Other failures NULL every nullable column.
     */
    private boolean nullWhatMightHelp(SQLException failure) {
        if (addNullable(checkColumns(failure))) {
            return true;
        }
        return addNullable(inserted.stream().map(TableCatalog.Column::name).collect(Collectors.toSet()));
    }

    private boolean addNullable(Set<String> names) {
        boolean added = false;
        for (TableCatalog.Column column : inserted) {
            if (names.contains(column.name()) && !column.notNull()) {
                added |= nulled.add(column.name());
            }
        }
        return added;
    }

    private static Set<String> identifiers(String definition) {
        Set<String> names = new HashSet<>();
        Matcher matcher = IDENTIFIER.matcher(definition.replaceAll("'(?:[^']|'')*'", ""));
        while (matcher.find()) {
            names.add(matcher.group(1) != null ? matcher.group(1).replace("\"\"", "\"") : matcher.group(2));
        }
        return names;
    }

    private void bind(PreparedStatement insert, long n, boolean distinct) throws SQLException {
        for (int i = 0; i < inserted.size(); i++) {
            String value = value(inserted.get(i), n, distinct);
            if (value == null) {
                insert.setNull(i + 1, Types.OTHER);
            } else {
                insert.setObject(i + 1, value, Types.OTHER);
            }
        }
    }

    private String value(TableCatalog.Column column, long n, boolean distinct) {
        if (nulled.contains(column.name()) || (!column.notNull() && nullRow(n) && !alwaysSet.contains(column.name()))) {
            return null;
        }
        Reference reference = references.get(column.name());
        if (reference != null) {
            // No parent row (yet: a cycle, or a reference to itself): NULL, or the row fails and is counted.
            return reference.parentKeys().isEmpty()
                    ? null
                    : reference.parentKeys()
                            .get((int) (n % reference.parentKeys().size()))[reference.position()];
        }
        List<String> literals = allowed.get(column.name());
        if (literals != null) {
            return ColumnValues.pick(literals, n);
        }
        // Distinct under a unique key; a partial one's column repeats until the index refuses the row.
        return distinct || table.isUnique(column.name())
                ? values.value(column, n, true)
                : values.value(column, n % period, false);
    }

    private String insertSql() {
        if (inserted.isEmpty()) {
            return "INSERT INTO " + table.qualifiedName() + " DEFAULT VALUES";
        }
        return "INSERT INTO " + table.qualifiedName() + " ("
                + inserted.stream()
                        .map(column -> TableCatalog.quote(column.name()))
                        .collect(Collectors.joining(", "))
                + ") VALUES ("
                + inserted.stream()
                        .map(column -> "CAST(? AS " + column.sqlType() + ")")
                        .collect(Collectors.joining(", "))
                + ")";
    }

    private List<String[]> parentKeys(TableCatalog.ForeignKey key) throws SQLException {
        String columns = key.parentColumns().stream()
                .map(column -> TableCatalog.quote(column) + "::text")
                .collect(Collectors.joining(", "));
        String notNull = key.parentColumns().stream()
                .map(column -> TableCatalog.quote(column) + " IS NOT NULL")
                .collect(Collectors.joining(" AND "));
        List<String[]> keys = new ArrayList<>();
        try (Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT DISTINCT " + columns + " FROM "
                        + TableCatalog.quote(key.parentSchema()) + "." + TableCatalog.quote(key.parentTable())
                        + " WHERE " + notNull + " ORDER BY " + columns + " LIMIT " + PARENT_KEYS)) {
            while (rows.next()) {
                String[] tuple = new String[key.parentColumns().size()];
                for (int i = 0; i < tuple.length; i++) {
                    tuple[i] = rows.getString(i + 1);
                }
                keys.add(tuple);
            }
        }
        return keys;
    }
}
