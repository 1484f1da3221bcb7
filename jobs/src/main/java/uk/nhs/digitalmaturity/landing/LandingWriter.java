package uk.nhs.digitalmaturity.landing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.failure.ContractViolation;

/**
 * Writes landing files, {@code <root>/<folder>/<snapshot>/<file>.csv} as {@link Source} lays them out, in the
 * contract's CSV form, and keeps a record of what it wrote. Two ways in, for two kinds of writer:
 * <ul>
 *   <li>{@link #writeOnce}, for the importer: a landing file is immutable and must appear whole or not at all.
 *   The file is written in full to a hidden temporary file in the target folder ({@code .<file>.<uuid>.tmp}),
 *   forced to disk, and then hard-linked into place (a hard link is made atomically and never replaces a file
 *   that appeared meanwhile; a rename where links are unsupported). An existing file is left alone unless
 *   {@code force}; writing identical content again is a no-op.</li>
 *   <li>{@link #table} and {@link #rawStream}, for the sample generator: files streamed row by row straight into
 *   place, overwriting what was there, because the generator owns the folder it writes and rewrites it whole.</li>
 * </ul>
 */
public final class LandingWriter {
    /** What {@link #writeOnce} did. */
    public enum Outcome { WRITTEN, REPLACED, UNCHANGED }

    private final Path root;
    private final List<WrittenFile> written = Collections.synchronizedList(new ArrayList<>());

    public LandingWriter(Path root) {
        this.root = root;
    }

    /** Where a snapshot of a source's file lies. */
    public Path target(Source source, LocalDate snapshot) {
        return root.resolve(source.landingPath(snapshot));
    }

    /**
     * Writes a whole landing file atomically, once.
     *
     * @throws ContractViolation when the file exists with different content and not {@code force}; nothing is
     *     written then
     */
    public Outcome writeOnce(Source source, LocalDate snapshot, List<String> header, List<List<String>> rows,
                             boolean force) throws IOException {
        String relative = source.landingPath(snapshot);
        Path target = root.resolve(relative);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            writeTemporary(tmp, relative, header, rows);
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
                record(relative, rows.size());
                return Outcome.REPLACED;
            }
            try {
                // a hard link is created atomically and never replaces a file that appeared in the meantime
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                return writeOnce(source, snapshot, header, rows, force);
            } catch (UnsupportedOperationException | IOException e) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE); // file systems without hard links
            }
            record(relative, rows.size());
            return Outcome.WRITTEN;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The whole file, on disk before anything links it into place. */
    private static void writeTemporary(Path tmp, String relative, List<String> header, List<List<String>> rows)
            throws IOException {
        try (LandingTable table = new LandingTable(tmp, relative, header, true, n -> { })) {
            rows.forEach(table::row);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A file with the contract's header, to fill row by row in place; close it to finish the file. */
    public LandingTable table(Source source, LocalDate snapshot) {
        return table(source, snapshot, source.header());
    }

    /** A file with a header of its own (extra columns, another order), to fill row by row in place. */
    public LandingTable table(Source source, LocalDate snapshot, List<String> header) {
        String relative = source.landingPath(snapshot);
        return new LandingTable(createParent(relative), relative, header, false, rows -> record(relative, rows));
    }

    /** Writes a whole file with the contract's header in place. */
    public void write(Source source, LocalDate snapshot, List<List<String>> rows) {
        try (LandingTable table = table(source, snapshot)) {
            rows.forEach(table::row);
        }
    }

    /**
     * A raw stream in place, for files formatted by hand at national volume; the caller writes the contract's
     * CSV form itself and calls {@link #record} when done.
     */
    public OutputStream rawStream(Source source, LocalDate snapshot) {
        String relative = source.landingPath(snapshot);
        try {
            return Files.newOutputStream(createParent(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + relative, e);
        }
    }

    public void record(Source source, LocalDate snapshot, long rows) {
        record(source.landingPath(snapshot), rows);
    }

    /** Everything written so far, in path order. */
    public List<WrittenFile> written() {
        synchronized (written) {
            List<WrittenFile> copy = new ArrayList<>(written);
            copy.sort(Comparator.comparing(WrittenFile::path));
            return copy;
        }
    }

    private Path createParent(String relative) {
        Path target = root.resolve(relative);
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + relative, e);
        }
        return target;
    }

    private void record(String relative, long rows) {
        try {
            written.add(new WrittenFile(relative, rows, Files.size(root.resolve(relative))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
