package uk.nhs.digitalmaturity.notebooks;

import uk.nhs.digitalmaturity.testing.Repo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import uk.nhs.digitalmaturity.testing.SharedSpark;
import uk.nhs.digitalmaturity.cli.NhsDigital;
import uk.nhs.digitalmaturity.failure.ExitCodes;

/**
 * The lakehouse the committed {@code notebooks-export/} comes from, built once per test JVM and shared by the
 * notebook tests (a static holder: the pipeline runs once, however many of them run). It is the run the
 * README's regeneration command makes: {@code sample-data/} as at {@link #AS_AT}.
 */
final class SampleRunLakehouse {
    static final String AS_AT = "2026-11-24";
    /** From an empty lakehouse: the notebooks name each table's Delta version, which a fresh run makes 1. */
    static final String REGENERATE = "rm -rf /tmp/nhs-notebooks-lakehouse && bin/nhs-digital run --landing sample-data "
            + "--lakehouse /tmp/nhs-notebooks-lakehouse --as-at " + AS_AT + " --no-notebooks && bin/nhs-digital "
            + "export-notebooks --lakehouse /tmp/nhs-notebooks-lakehouse --out notebooks-export";

    private SampleRunLakehouse() {
    }

    /** The landing zone of the committed export. */
    static Path landing() {
        return Repo.root().resolve("sample-data");
    }

    /** The suite's one sample run (a fresh lakehouse, so every table is at Delta version 1). */
    static synchronized Path get() {
        return uk.nhs.digitalmaturity.testing.SampleLakehouse.get();
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
