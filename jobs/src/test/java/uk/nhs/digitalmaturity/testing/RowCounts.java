package uk.nhs.digitalmaturity.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The rows of every Delta table of a lakehouse's {@code bronze} and {@code restricted} zones (the latter holds
 * the staff-level rows and the quarantine), read by path through the test JVM's one session.
 */
public final class RowCounts {
    private RowCounts() {
    }

    /** zone/table to row count, e.g. {@code restricted/quarantine -> 2}. */
    public static Map<String, Long> of(Path lakehouse) {
        Map<String, Long> counts = new TreeMap<>();
        for (String zone : new String[] {"bronze", "restricted"}) {
            try (Stream<Path> tables = Files.list(lakehouse.resolve(zone))) {
                for (Path table : tables.filter(t -> Files.isDirectory(t.resolve("_delta_log"))).toList()) {
                    String name = zone + "/" + table.getFileName();
                    counts.put(name, SharedSpark.table(lakehouse, name).count());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return counts;
    }
}
