package dev.keel.tools.migrate.data;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Fills tables with generated rows that satisfy their types, keys, foreign keys and CHECKs, so a
 * migration can be tried on tables that hold data, as production's do: every user schema's
 * tables, or one schema's. The same seed gives the same rows.
 */
public final class RowGenerator {

    public static final int DEFAULT_ROWS = 200;
    public static final long DEFAULT_SEED = 20261122L;

    /** What one table got: rows inserted, and rows that could not be, with the first reason. */
    public record TableFill(String table, int inserted, int failed, String firstError) {}

    /** What a fill did, table by table in the order it filled them. */
    public record FillReport(List<TableFill> tables) {

        public int inserted() {
            return tables.stream().mapToInt(TableFill::inserted).sum();
        }

        public int failed() {
            return tables.stream().mapToInt(TableFill::failed).sum();
        }

        /** One line per table that lost rows, saying how many and why. */
        public List<String> problems() {
            return tables.stream()
                    .filter(fill -> fill.failed() > 0)
                    .map(fill -> fill.table() + ": " + fill.failed() + " of " + (fill.inserted() + fill.failed())
                            + " generated rows could not be inserted (" + oneLine(fill.firstError()) + ")")
                    .toList();
        }
    }

    /** A PostgreSQL message, whose Detail and Hint come on lines of their own, on one line. */
    public static String oneLine(String message) {
        return message == null
                ? null
                : message.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .collect(Collectors.joining(" "));
    }

    /** Null for every user schema. */
    private final String schema;

    private final int rowsPerTable;
    private final long seed;

    /** {@value #DEFAULT_ROWS} rows per table of every user schema, from the default seed. */
    public RowGenerator() {
        this(DEFAULT_ROWS, DEFAULT_SEED);
    }

    /** Fills the tables of every user schema (see {@link TableCatalog#read(Connection)}). */
    public RowGenerator(int rowsPerTable, long seed) {
        this(null, rowsPerTable, seed);
    }

    /** Fills the tables of {@code schema} alone; every user schema when it is null. */
    public RowGenerator(String schema, int rowsPerTable, long seed) {
        if (rowsPerTable < 1) {
            throw new IllegalArgumentException("rowsPerTable must be at least 1, not " + rowsPerTable);
        }
        this.schema = schema;
        this.rowsPerTable = rowsPerTable;
        this.seed = seed;
    }

    public int rowsPerTable() {
        return rowsPerTable;
    }

    /** Fills the tables that hold no row yet, so filling again before each migration only tops up new tables. */
    public FillReport fillEmptyTables(Connection connection) throws SQLException {
        return fill(connection, true);
    }

    /** Adds rows to every table, after the ones already there. */
    public FillReport fillAllTables(Connection connection) throws SQLException {
        return fill(connection, false);
    }

    /**
     * In autocommit mode the fill is one transaction of its own; otherwise it joins the caller's
     * transaction and leaves the commit to the caller.
     */
    private FillReport fill(Connection connection, boolean emptyOnly) throws SQLException {
        boolean ownTransaction = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<TableFill> fills = new ArrayList<>();
            for (TableCatalog.Table table : parentsFirst(TableCatalog.read(connection, schema))) {
                long existing = count(connection, table);
                if (emptyOnly && existing > 0) {
                    continue;
                }
                Random random = new Random(seed ^ table.displayName().hashCode() ^ existing);
                fills.add(new TableFiller(connection, table, random, existing).fill(rowsPerTable));
            }
            if (ownTransaction) {
                connection.commit();
            }
            return new FillReport(List.copyOf(fills));
        } catch (SQLException | RuntimeException e) {
            if (ownTransaction) {
                connection.rollback();
            }
            throw e;
        } finally {
            if (ownTransaction) {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Referenced tables before the tables referencing them; a cycle is broken by name order, and
     * its references to a table not filled yet are left NULL.
     */
    static List<TableCatalog.Table> parentsFirst(List<TableCatalog.Table> tables) {
        Map<String, TableCatalog.Table> remaining = new LinkedHashMap<>();
        tables.forEach(table -> remaining.put(table.qualifiedName(), table));
        List<TableCatalog.Table> ordered = new ArrayList<>();
        while (!remaining.isEmpty()) {
            TableCatalog.Table next = remaining.values().stream()
                    .filter(table -> parents(table, remaining.keySet()).isEmpty())
                    .findFirst()
                    .orElse(remaining.values().iterator().next());
            ordered.add(next);
            remaining.remove(next.qualifiedName());
        }
        return ordered;
    }

    /** The tables, by qualified name, that {@code table} references among {@code among}, in any schema. */
    private static Set<String> parents(TableCatalog.Table table, Set<String> among) {
        return table.foreignKeys().stream()
                .map(key -> TableCatalog.quote(key.parentSchema()) + "." + TableCatalog.quote(key.parentTable()))
                .filter(parent -> !parent.equals(table.qualifiedName()))
                .filter(among::contains)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static long count(Connection connection, TableCatalog.Table table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table.qualifiedName())) {
            result.next();
            return result.getLong(1);
        }
    }
}
