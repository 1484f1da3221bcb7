package uk.nhs.digitalmaturity.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.testing.Landings;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The notebooks drawn from kept results are the notebooks drawn from the tables, byte for byte; a result is
 * read back only while its tables are the ones it was made from, wherever the lakehouse is; and a kept file
 * that is not a result is queried again. On a copy of the synthetic lakehouse (every table at version 0).
 */
class KeptResultsTest {
    private final SparkSession spark = SharedSpark.get();

    @Test
    void resultsAreReadBackOnlyForTheCommitsTheyWereMadeFrom(@TempDir Path temp) throws IOException {
        Path copy = Landings.copy(SyntheticReporting.lakehouse(), temp.resolve("lake"));
        Lakehouse lake = new Lakehouse(copy.toUri().toString());
        Path kept = Path.of(java.net.URI.create(lake.notebookResultsPath()));

        Map<String, byte[]> fresh = export(lake, false);
        assertSame(fresh, export(lake, true), "the first export with a store, which fills it");
        int results = files(kept).size();
        assertTrue(results >= 5, "one result per query of the five tables, at least: " + results);

        // it_capex_by_year deleted and built again with other figures: version 0 again, another commit.
        Path capex = copy.resolve("reporting/it_capex_by_year");
        NotebookFolders.delete(capex);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(RowFactory.create((2013 + i) + "-" + (14 + i), 1.0e6 * (i + 1), 2.0e6 * (i + 1), 100L + i));
        }
        spark.createDataFrame(rows, new StructType().add("fin_year", DataTypes.StringType)
                .add("it_capex_nominal_gbp", DataTypes.DoubleType).add("it_capex_real_gbp", DataTypes.DoubleType)
                .add("trusts_reporting", DataTypes.LongType)).coalesce(1).write().format("delta").save(capex.toString());
        Map<String, byte[]> rebuilt = export(lake, false);
        assertTrue(fresh.keySet().stream().anyMatch(n -> !java.util.Arrays.equals(fresh.get(n), rebuilt.get(n))),
                "the rebuilt table's notebook shows its new figures");
        assertSame(rebuilt, export(lake, true), "a result of the old table at the same version is not read back");

        // Kept files that are not results: a map (a class the filter refuses) and a few bytes of nothing.
        for (Path f : files(kept)) {
            try (OutputStream out = Files.newOutputStream(f); ObjectOutputStream objects = new ObjectOutputStream(out)) {
                objects.writeObject(new HashMap<>(Map.of("not", "a result")));
            }
        }
        Files.write(files(kept).get(0), new byte[] {1, 2, 3});
        assertSame(rebuilt, export(lake, true), "files that are not results are queried again, and kept again");

        // The lakehouse moved elsewhere, and every data file of the move deleted: an export that ran any query
        // would fail, so this one reads every result back, found under the same names at the new place.
        Path moved = Landings.copy(copy, temp.resolve("moved"));
        try (Stream<Path> walk = Files.walk(moved.resolve("reporting"))) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                Files.delete(p);
            }
        }
        Lakehouse movedLake = new Lakehouse(moved.toUri().toString());
        assertSame(rebuilt, export(movedLake, true), "every result read back, none queried");
        assertEquals(results, files(Path.of(java.net.URI.create(movedLake.notebookResultsPath()))).size(),
                "the store holds this export's results and nothing else");
    }

    private Map<String, byte[]> export(Lakehouse lake, boolean keeping) {
        NotebookExport export = new NotebookExport(spark, lake, SyntheticReporting.run());
        return (keeping ? export.keepingResults(KeptResults.in(spark, lake)) : export).notebooks();
    }

    private static void assertSame(Map<String, byte[]> expected, Map<String, byte[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), what + ": " + name));
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.sorted().toList();
        }
    }
}
