package uk.nhs.digitalmaturity.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Folders compared as a reader of the published pack would: the same file names, and the same bytes in each. */
public final class Packs {
    private Packs() {
    }

    /** Every regular file under the folder, as paths relative to it, sorted. */
    public static List<String> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails naming the first file that is missing, extra or different. */
    public static void assertIdentical(Path expected, Path actual) {
        assertTrue(Files.isDirectory(actual), actual + " is not a folder");
        List<String> names = files(expected);
        assertTrue(!names.isEmpty(), expected + " holds no file");
        assertEquals(names, files(actual), "file names of " + actual + " against " + expected);
        for (String name : names) {
            try {
                long at = Files.mismatch(expected.resolve(name), actual.resolve(name));
                assertEquals(-1L, at, name + " differs from byte " + at + " (" + actual + " against " + expected + ")");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
