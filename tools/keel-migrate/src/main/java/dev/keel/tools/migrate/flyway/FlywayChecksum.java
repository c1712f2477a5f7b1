package dev.keel.tools.migrate.flyway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.zip.CRC32;

/**
 * The checksum Flyway records for a SQL migration without a .conf file: a CRC32 over the file's
 * lines, each without its line break and without a leading byte-order mark, read as UTF-8.
 */
final class FlywayChecksum {

    private static final char BOM = '\uFEFF';

    private FlywayChecksum() {}

    /** The checksum; empty when the file cannot be read as UTF-8, which Flyway reports itself. */
    static OptionalInt of(Path file) {
        String text;
        try {
            // Strict decoding, as Flyway's reader: malformed bytes are its error, not a checksum.
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            return OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String kept = !line.isEmpty() && line.charAt(0) == BOM ? line.substring(1) : line;
                crc.update(kept.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return OptionalInt.of((int) crc.getValue());
    }
}
