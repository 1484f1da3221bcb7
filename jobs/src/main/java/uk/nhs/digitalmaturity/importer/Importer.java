package uk.nhs.digitalmaturity.importer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one publication, as downloaded, into landing rows. Implementations never write: {@link LandingWriter}
 * does that once the whole file has been read, so a refused file leaves nothing behind.
 */
public interface Importer {
    /**
     * @throws uk.nhs.digitalmaturity.cli.ContractViolation when the file is not recognised (the message names
     *     the file and what was expected)
     */
    ImportedTable read(Path file, ImportOptions options) throws IOException;
}
