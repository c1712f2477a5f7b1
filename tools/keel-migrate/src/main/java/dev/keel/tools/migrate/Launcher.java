package dev.keel.tools.migrate;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The main class tools/scripts/keel-migrate starts: {@code lint} on a command line that holds lint alone,
 * everything else on {@link KeelMigrate}'s. picocli reads the annotations of every command it is given,
 * about 40 of them, before parsing: a tenth of a second that a lint run, the one a developer waits for
 * most often, does not need. Same usage lines, errors and exit codes (LauncherTest holds them equal).
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("lint")) {
            System.exit(lintCommandLine().execute(args));
        }
        KeelMigrate.main(args);
    }

    /** keel-migrate with its lint subcommand only, and KeelMigrate's error handling and help options. */
    static CommandLine lintCommandLine() {
        CommandLine commandLine =
                new CommandLine(CommandSpec.create().name("keel-migrate").mixinStandardHelpOptions(true));
        commandLine
                .getCommandSpec()
                .usageMessage()
                .description("Versioned PostgreSQL migrations on Flyway, with undo scripts.");
        CommandLine lint = new CommandLine(new KeelMigrate.Lint());
        lint.getCommandSpec().mixinStandardHelpOptions(true);
        commandLine.addSubcommand("lint", lint);
        commandLine.setExecutionExceptionHandler(KeelMigrate::reportFailure);
        return commandLine;
    }
}
