package uk.nhs.digitalmaturity.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.sketch.BloomFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The leak scan's Bloom filters per data file of a restricted table: they must find every candidate a file
 * holds, in old files judged from kept filters as in files just added, and follow the table when its files
 * change. A table of assignment ids written in two commits (one data file each, as two months of staff land):
 *
 * <pre>
 * month 1: A1-1, A1-2, A1-3        month 2: B2-1, B2-2
 * candidates: A1-2 (in month 1), B2-2 (in month 2), 2019-01 and 4.3 (published strings, in neither), A1-20
 * </pre>
 */
class IdentifierFiltersTest {
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path temp;

    private void write(Path table, SaveMode mode, String... ids) {
        spark.createDataset(List.of(ids), Encoders.STRING()).toDF("assignment_id").coalesce(1).write()
                .format("delta").mode(mode).save(table.toString());
    }

    private long filters(Path table) throws IOException {
        try (Stream<Path> files = Files.list(table.resolve("_identifier_filters").resolve("assignment_id"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".bloom")).count();
        }
    }

    @Test
    void findsExactlyTheCandidatesEachFileHoldsAndFollowsTheTablesFiles() throws IOException {
        Path table = temp.resolve("workforce_staff");
        IdentifierFilters filters = new IdentifierFilters(spark);
        List<String> candidates = List.of("2019-01", "4.3", "A1-2", "A1-20", "B2-2");

        write(table, SaveMode.Overwrite, "A1-1", "A1-2", "A1-3");
        assertEquals(Set.of("A1-2"), filters.held(table.toString(), "assignment_id", candidates));
        assertEquals(1, filters(table));

        // Month 2 lands: month 1 is judged from its kept filter, month 2's filter is built.
        write(table, SaveMode.Append, "B2-1", "B2-2");
        assertEquals(Set.of("A1-2", "B2-2"), filters.held(table.toString(), "assignment_id", candidates));
        assertEquals(2, filters(table));

        // Rewritten (as a compaction would): the old files' filters go, and the new file is judged afresh.
        write(table, SaveMode.Overwrite, "B2-2", "C3-1");
        assertEquals(Set.of("B2-2"), filters.held(table.toString(), "assignment_id", candidates));
        assertEquals(1, filters(table));
        assertEquals(Set.of(), filters.held(table.toString(), "assignment_id", List.of("A1-2", "2019-01")));
    }

    /**
     * Two months land between scans: both files' filters are built in one go (one task reads both small
     * files), yet each kept filter holds its own file's ids and not the other's.
     */
    @Test
    void filtersBuiltTogetherHoldEachFilesOwnValues() throws IOException {
        Path table = temp.resolve("two_months");
        write(table, SaveMode.Overwrite, "D4-1", "D4-2");
        write(table, SaveMode.Append, "E5-1");
        assertEquals(Set.of("D4-2", "E5-1"), new IdentifierFilters(spark).held(table.toString(), "assignment_id",
                List.of("D4-2", "E5-1", "F6-1")));
        assertEquals(2, filters(table));

        List<String> holding = new ArrayList<>();
        try (Stream<Path> kept = Files.list(table.resolve("_identifier_filters").resolve("assignment_id"))) {
            for (Path f : kept.sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    BloomFilter filter = BloomFilter.readFrom(in);
                    holding.add(Stream.of("D4-1", "D4-2", "E5-1").filter(filter::mightContainString)
                            .collect(Collectors.joining(",")));
                }
            }
        }
        // Which file sorts first depends on its random name; its filter holds one month, never both.
        assertEquals(List.of("D4-1,D4-2", "E5-1"), holding.stream().sorted().toList());
    }
}
