package uk.nhs.digitalmaturity.notebooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import uk.nhs.digitalmaturity.testing.AsAt;
import uk.nhs.digitalmaturity.testing.Repo;

/**
 * What the notebook tests share about the committed {@code notebooks-export/}: where it is, the command that
 * regenerates it (the suite's sample run, {@link uk.nhs.digitalmaturity.testing.SampleLakehouse}, is that
 * run), and reading and deleting folders of notebooks.
 */
final class NotebookFolders {
    /** From an empty lakehouse: the notebooks name each table's Delta version, which a fresh run makes 1. */
    static final String REGENERATE = "rm -rf /tmp/nhs-notebooks-lakehouse && bin/nhs-digital run --landing sample-data "
            + "--lakehouse /tmp/nhs-notebooks-lakehouse --as-at " + AsAt.SAMPLE + " --no-notebooks && bin/nhs-digital "
            + "export-notebooks --lakehouse /tmp/nhs-notebooks-lakehouse --out notebooks-export";

    private NotebookFolders() {
    }

    static Path committedExport() {
        return Repo.root().resolve("notebooks-export");
    }

    /** The files of a folder, name → bytes, sorted by name. */
    static Map<String, byte[]> files(Path folder) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
