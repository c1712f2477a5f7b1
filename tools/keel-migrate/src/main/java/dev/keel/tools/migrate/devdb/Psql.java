package dev.keel.tools.migrate.devdb;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.db.DevDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code make db-psql}: the libpq settings that point psql at this branch's database (and, with
 * {@code --for spring}, the Spring ones for an application started by hand). The
 * Makefile evaluates them and then becomes psql, so the prompt owns the terminal (Ctrl-C
 * cancels a query instead of killing a wrapper). Debian's psql 15 talks to the 17 server.
 */
public final class Psql {

    public static final String INSTALL_HINT = "install the PostgreSQL client: apt-get install postgresql-client "
            + "(Debian, Ubuntu), brew install libpq (macOS)";

    private Psql() {}

    /** psql on the PATH in {@code env}. */
    public static Optional<Path> find(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "psql"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Shell assignments of PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD for {@code login}. */
    public static String shellSettings(DevDatabase.Login login) {
        PostgresEndpoint endpoint = PostgresEndpoint.fromJdbcUrl(login.jdbcUrl(), login.username(), login.password());
        return "export PGHOST=" + quote(endpoint.host()) + " PGPORT=" + endpoint.port()
                + " PGDATABASE=" + quote(endpoint.database()) + " PGUSER=" + quote(endpoint.username())
                + " PGPASSWORD=" + quote(endpoint.password()) + "\n";
    }

    /** Shell assignments of Spring's SPRING_DATASOURCE_URL, _USERNAME and _PASSWORD for {@code login}. */
    public static String springSettings(DevDatabase.Login login) {
        return "export SPRING_DATASOURCE_URL=" + quote(login.jdbcUrl()) + " SPRING_DATASOURCE_USERNAME="
                + quote(login.username()) + " SPRING_DATASOURCE_PASSWORD=" + quote(login.password()) + "\n";
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
