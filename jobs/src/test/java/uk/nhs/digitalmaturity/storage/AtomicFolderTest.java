package uk.nhs.digitalmaturity.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/** A folder replaced as a whole: the new files only, and nothing hidden left beside it. */
class AtomicFolderTest {
    @TempDir
    Path temp;

    private List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSecondReplaceLeavesExactlyTheNewFilesAndNoStagingOrOldFolder() throws Exception {
        String folder = temp.resolve("publication/2026-11-24").toString();
        AtomicFolder.replace(SharedSpark.get(), folder, "r1", Map.of("a.csv", bytes("1"), "b.csv", bytes("2")));
        // a process killed between the two renames left the old pack aside: the next replace clears it
        Files.createDirectories(temp.resolve("publication/.2026-11-24.old.tmp"));
        AtomicFolder.replace(SharedSpark.get(), folder, "r2", Map.of("a.csv", bytes("3")));
        assertEquals(List.of("a.csv"), names(Path.of(folder)));
        assertEquals("3", Files.readString(Path.of(folder, "a.csv")));
        assertEquals(List.of("2026-11-24"), names(temp.resolve("publication")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
