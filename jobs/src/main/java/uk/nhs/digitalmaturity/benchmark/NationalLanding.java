package uk.nhs.digitalmaturity.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.WrittenFile;
import uk.nhs.digitalmaturity.sample.GeneratorOptions;
import uk.nhs.digitalmaturity.sample.SampleLandingGenerator;
import uk.nhs.digitalmaturity.sample.SampleScale;

/**
 * The benchmark's national landing zone: generated once (deterministic from the seed) with one month more than
 * the full build uses, then staged for each repetition as hard links, the last staff-level month held back so
 * that it can "land" between runs exactly as a new extract does.
 */
final class NationalLanding {
    private static final String COMPLETE = ".complete";

    private final Path generated;
    private final int months;
    private final long seed;

    NationalLanding(Path dataRoot, int months, long seed) {
        this.months = months;
        this.seed = seed;
        this.generated = dataRoot.resolve("national-" + (months + 1) + "m-seed" + seed);
    }

    /** Generates the landing zone unless a complete one for these months and seed is already there. */
    long prepare() {
        try {
            Path marker = generated.resolve(COMPLETE);
            if (Files.exists(marker)) {
                return Long.parseLong(Files.readString(marker).trim());
            }
            deleteTree(generated);
            List<WrittenFile> files = SampleLandingGenerator.generate(new GeneratorOptions(generated, seed,
                    SampleScale.NATIONAL, months + 1, GeneratorOptions.DEFAULT_ROWS_PER_MONTH,
                    GeneratorOptions.DEFAULT_FINANCE_LINES));
            long rows = files.stream().mapToLong(WrittenFile::rows).sum();
            Files.writeString(marker, rows + "\n");
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The staff-level file of the month held back for the "new month" run. */
    Path heldBackMonth() {
        String file = Source.WORKFORCE_STAFF.fileName();
        try (Stream<Path> snapshots = Files.list(generated.resolve(Source.WORKFORCE_STAFF.folder()))) {
            return snapshots.filter(d -> Files.exists(d.resolve(file)))
                    .max(Comparator.naturalOrder()).orElseThrow().resolve(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of every file but the held-back month: the full build's input. */
    long fullBuildRows(long allRows) {
        try (Stream<String> lines = Files.lines(heldBackMonth())) {
            return allRows - (lines.count() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh landing zone at {@code stage}: every generated file but the held-back month. */
    void stageWithoutNewMonth(Path stage) {
        Path held = heldBackMonth();
        try (Stream<Path> all = Files.walk(generated)) {
            deleteTree(stage);
            for (Path file : all.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> !f.equals(held)).toList()) {
                link(file, stage.resolve(generated.relativize(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The new month lands. */
    void landNewMonth(Path stage) {
        Path held = heldBackMonth();
        link(held, stage.resolve(generated.relativize(held)));
    }

    /** A hard link costs nothing and keeps the file's modification time; a copy where links are refused. */
    private static void link(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            try {
                Files.createLink(to, from);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
