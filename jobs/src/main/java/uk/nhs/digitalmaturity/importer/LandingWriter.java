package uk.nhs.digitalmaturity.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVPrinter;
import uk.nhs.digitalmaturity.contract.CsvFiles;
import uk.nhs.digitalmaturity.failure.ContractViolation;

/**
 * Writes a landing file, {@code <landing>/<source>/<snapshot>/<file>.csv}: RFC 4180 via commons-csv, UTF-8
 * without a byte-order mark, one header row, LF line endings. The file is first written in full to a hidden
 * temporary file in the target folder ({@code .<file>.<uuid>.tmp}), forced to disk, and then linked into place
 * atomically (a hard link never replaces a file that appeared meanwhile; a rename where links are unsupported),
 * so a reader sees either no file or the whole file. Landing files are immutable: an existing file for the same snapshot
 * is left alone unless {@code force}; re-importing identical content is a no-op.
 */
public final class LandingWriter {
    public enum Outcome { WRITTEN, REPLACED, UNCHANGED }

    private LandingWriter() {
    }

    public static Path target(Path landing, ImportKind kind, LocalDate snapshot) {
        return landing.resolve(kind.source().landingPath(snapshot));
    }

    public static Outcome write(Path target, ImportedTable table, boolean force) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            writeCsv(tmp, table.header(), table.rows());
            if (Files.exists(target)) {
                if (Files.mismatch(tmp, target) == -1L) {
                    return Outcome.UNCHANGED;
                }
                if (!force) {
                    throw new ContractViolation(target + " already exists with different content; landing files "
                            + "are immutable, so it was left as it was (pass --force to replace it). "
                            + "Nothing was written.");
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return Outcome.REPLACED;
            }
            try {
                // a hard link is created atomically and never replaces a file that appeared in the meantime
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                return write(target, table, force);
            } catch (UnsupportedOperationException | IOException e) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE); // file systems without hard links
            }
            return Outcome.WRITTEN;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeCsv(Path file, List<String> header, List<List<String>> rows) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             Writer out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                     CsvFiles.CHARSET));
             CSVPrinter csv = new CSVPrinter(out, CsvFiles.FORMAT)) {
            csv.printRecord(header);
            for (List<String> row : rows) {
                csv.printRecord(row);
            }
            csv.flush();
            channel.force(true); // on disk before the rename makes it visible
        }
    }
}
