package uk.nhs.digitalmaturity.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The latest Delta version of every table of a lakehouse, read from the file names in each {@code _delta_log}
 * (no Spark, no cache): a statement that wrote anything anywhere changes this map.
 */
public final class DeltaVersions {
    private DeltaVersions() {
    }

    /** zone/table to its latest version, e.g. {@code reporting/dspt_summary -> 1}, for every zone. */
    public static Map<String, Long> of(Path lakehouse) {
        Map<String, Long> versions = new TreeMap<>();
        try (Stream<Path> logs = Files.find(lakehouse, 3, (p, a) -> p.getFileName().toString().equals("_delta_log"))) {
            for (Path log : logs.toList()) {
                Path table = log.getParent();
                versions.put(lakehouse.relativize(table).toString(), latest(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    private static long latest(Path log) throws IOException {
        try (Stream<Path> commits = Files.list(log)) {
            return commits.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}\\.json"))
                    .mapToLong(n -> Long.parseLong(n.substring(0, 20))).max().orElse(-1);
        }
    }
}
