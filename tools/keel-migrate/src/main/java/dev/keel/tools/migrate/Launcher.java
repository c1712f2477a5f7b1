package dev.keel.tools.migrate;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The main class tools/scripts/keel-migrate starts. A lint run, the command a developer waits for
 * most often, skips picocli when its arguments are lint's plain options and files
 * ({@link LintRequest#parse}); any other lint call goes to a command line that holds lint alone.
 * status, the other command run all day, skips picocli and Flyway in the same way when it can
 * ({@link StatusRequest}). Every other command goes to {@link KeelMigrate}'s. picocli's start costs
 * about a tenth of a second, more than linting a thousand files; Flyway's, more again. Same output, errors and exit codes on every path
 * (LauncherTest holds them equal).
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("lint")) {
            System.exit(lint(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
        }
        if (args.length > 0 && args[0].equals("status")) {
            status(args, new PrintWriter(System.out, true)).ifPresent(System::exit);
        }
        KeelMigrate.main(args);
    }

    /** Runs {@code keel-migrate lint ...}, printing to {@code out} and {@code err}; returns the exit code. */
    static int lint(String[] args, PrintWriter out, PrintWriter err) {
        Optional<LintRequest> request =
                LintRequest.parse(Arrays.asList(args).subList(1, args.length), KeelMigrate.environment);
        if (request.isEmpty()) {
            CommandLine commandLine = lintCommandLine();
            commandLine.setOut(out);
            commandLine.setErr(err);
            return commandLine.execute(args);
        }
        try {
            return request.get().run(out, err);
        } catch (RuntimeException e) {
            return KeelMigrate.reportFailure(e, err);
        } finally {
            out.flush();
        }
    }

    /**
     * Runs {@code keel-migrate status ...} without picocli and Flyway when it can ({@link StatusRequest});
     * empty, having printed nothing, when KeelMigrate's command line has to.
     */
    static Optional<Integer> status(String[] args, PrintWriter out) {
        return StatusRequest.parse(Arrays.asList(args).subList(1, args.length), KeelMigrate.environment)
                .flatMap(request -> request.run(out));
    }

    /** keel-migrate with its lint subcommand only, and KeelMigrate's error handling and help options. */
    static CommandLine lintCommandLine() {
        CommandLine commandLine =
                new CommandLine(CommandSpec.create().name("keel-migrate").mixinStandardHelpOptions(true));
        commandLine
                .getCommandSpec()
                .usageMessage()
                .description("Versioned PostgreSQL migrations on Flyway, with undo scripts.");
        CommandLine lint = new CommandLine(new LintCommand());
        lint.getCommandSpec().mixinStandardHelpOptions(true);
        commandLine.addSubcommand("lint", lint);
        commandLine.setExecutionExceptionHandler(KeelMigrate::reportFailure);
        return commandLine;
    }
}
