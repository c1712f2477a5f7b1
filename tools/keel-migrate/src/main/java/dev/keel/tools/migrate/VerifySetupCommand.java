package dev.keel.tools.migrate;

import dev.keel.tools.migrate.devdb.SetupDoctor;
import java.util.List;
import picocli.CommandLine.Command;

/** keel-migrate verify-setup: the doctor behind make verify-setup. Exit 1 when a check fails. */
@Command(
        name = "verify-setup",
        description = "Check the JDK, Docker or the embedded services, the database and its "
                + "version, S3 and its bucket, and pending migrations; each failing check with its fix.")
public final class VerifySetupCommand extends KeelMigrate.Subcommand {

    @Override
    public Integer call() {
        List<SetupDoctor.Check> checks = new SetupDoctor(target.devSettings(), target.files()).run();
        return SetupDoctor.print(checks, out()) ? 0 : 1;
    }
}
