package dev.keel.tools.migration;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file holding both directions under marker comments, as goose ({@code -- +goose Up}),
 * sql-migrate ({@code -- +migrate Up}) and dbmate ({@code -- migrate:up}) write them: the Up
 * section is the step, the Down section its down script. A file without markers is all up.
 */
final class AnnotatedScript {

    private static final Pattern MARKER =
            Pattern.compile("(?im)^--\\s*(?:\\+goose\\s+|\\+migrate\\s+|migrate:)(up|down)\\b(.*)$");
    /** sql-migrate's notransaction and dbmate's transaction:false, after the marker. */
    private static final Pattern MARKER_NO_TRANSACTION = Pattern.compile("(?i)notransaction|transaction:\\s*false");
    /** goose's line for a whole file that runs outside a transaction. */
    private static final Pattern GOOSE_NO_TRANSACTION =
            Pattern.compile("(?im)^--\\s*\\+goose\\s+no\\s+transaction\\s*$");
    /** sqlx's first line for a migration that must not run in a transaction. */
    private static final String SQLX_NO_TRANSACTION = "-- no-transaction";

    private AnnotatedScript() {}

    static MigrationHistory.Step step(Path file, String sql) {
        Matcher marker = MARKER.matcher(sql);
        int upLine = 0;
        int downLine = 0;
        boolean upOutside = false;
        boolean downOutside = false;
        while (marker.find()) {
            int line = SourceLines.lineOf(sql, marker.start());
            boolean outside = MARKER_NO_TRANSACTION.matcher(marker.group(2)).find();
            if (marker.group(1).equalsIgnoreCase("up") && upLine == 0) {
                upLine = line;
                upOutside = outside;
            } else if (marker.group(1).equalsIgnoreCase("down") && downLine == 0) {
                downLine = line;
                downOutside = outside;
            }
        }
        String name = file.getFileName().toString();
        if (upLine == 0) {
            boolean outside = sql.stripLeading().startsWith(SQLX_NO_TRANSACTION);
            return new MigrationHistory.Step(name, MigrationHistory.Script.whole(file, outside), Optional.empty());
        }
        boolean fileOutside = GOOSE_NO_TRANSACTION.matcher(sql).find();
        int upEnd = downLine > upLine ? downLine : Integer.MAX_VALUE;
        MigrationHistory.Script up = MigrationHistory.Script.part(
                file, "up", SourceLines.only(sql, upLine + 1, upEnd), fileOutside || upOutside);
        Optional<MigrationHistory.Script> down = downLine == 0
                ? Optional.empty()
                : Optional.of(MigrationHistory.Script.part(
                        file,
                        "down",
                        SourceLines.only(sql, downLine + 1, downLine > upLine ? Integer.MAX_VALUE : upLine),
                        fileOutside || downOutside));
        return new MigrationHistory.Step(name, up, down);
    }
}
