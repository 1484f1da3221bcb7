package uk.nhs.digitalmaturity.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of fixture landing zones that a test may change. */
public final class Landings {
    private Landings() {
    }

    public static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Data rows (lines after the header) of a landing file. */
    public static long dataRows(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count() - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
