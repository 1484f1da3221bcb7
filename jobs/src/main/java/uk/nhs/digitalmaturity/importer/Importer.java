package uk.nhs.digitalmaturity.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one publication, as downloaded, into landing rows. Implementations never write:
 * {@link uk.nhs.digitalmaturity.landing.LandingWriter#writeOnce} does that once the whole file has been read, so
 * a refused file leaves nothing behind.
 */
public interface Importer {
    /**
     * @throws uk.nhs.digitalmaturity.failure.ContractViolation when the file is not recognised (the message names
     *     the file and what was expected)
     */
    ImportedTable read(Path file, ImportOptions options) throws IOException;

    /** Whether one landing file may be built from several publications of this kind. */
    default boolean acceptsSeveralFiles() {
        return false;
    }

    /** Several files into one landing file; only for importers that {@link #acceptsSeveralFiles()}. */
    default ImportedTable read(List<Path> files, ImportOptions options) throws IOException {
        if (files.size() != 1) {
            throw new IllegalArgumentException("this importer reads exactly one file");
        }
        return read(files.get(0), options);
    }
}
