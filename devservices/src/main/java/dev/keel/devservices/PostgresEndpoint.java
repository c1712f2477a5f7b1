package dev.keel.devservices;

/** Where a running PostgreSQL database answers, and who to log in as. */
public record PostgresEndpoint(String host, int port, String database, String username, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public PostgresEndpoint withDatabase(String otherDatabase) {
        return new PostgresEndpoint(host, port, otherDatabase, username, password);
    }
}
