package uk.nhs.digitalmaturity.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An importer whose landing file may be built from several publications of one layout (ODS publishes trusts and
 * care trusts, or successions and their archive, in separate files): one file is the case of a list of one.
 */
interface SeveralFilesImporter extends Importer {
    @Override
    ImportedTable read(List<Path> files, ImportOptions options) throws IOException;

    @Override
    default ImportedTable read(Path file, ImportOptions options) throws IOException {
        return read(List.of(file), options);
    }

    @Override
    default boolean acceptsSeveralFiles() {
        return true;
    }
}
