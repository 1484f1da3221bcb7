package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;
import uk.nhs.digitalmaturity.testing.DeltaVersions;
import uk.nhs.digitalmaturity.testing.FixtureLakehouse;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * {@code maintain} on a copy of the {@code finance} fixture after two runs (the fixture's, then a resubmitted
 * finance return in a new snapshot), twice: it compacts bronze, writes checkpoints, vacuums with the tables'
 * seven-year retention, records itself, and changes no table's rows, so time travel to the first run still reads
 * its rows (and {@code VerifyTest} verifies the first run after maintenance); the second time it has nothing to do
 * but record itself.
 */
class MaintainTest {
    private static final String CAPEX = "reporting/it_capex_by_year";
    private static final SparkSession SPARK = SharedSpark.get();
    @TempDir
    static Path temp;

    private static FixtureLakehouse.Copy copy;
    private static long firstRunCapexVersion;
    private static List<String> firstRunCapexRows;
    private static Map<String, Long> rowsBefore;
    private static Map<String, Long> filesBefore;
    private static CliResult maintained;
    private static Map<String, Long> rowsAfter;
    private static Map<String, Long> filesAfter;
    private static Map<String, Long> versionsAfter;
    private static CliResult again;
    private static Map<String, Long> versionsAfterAgain;

    @BeforeAll
    static void twoRunsThenMaintainTwice() throws IOException {
        copy = FixtureLakehouse.copy("finance", temp.resolve("two-runs"));
        Row first = runs(copy.lakehouse()).get(0);
        firstRunCapexVersion = first.<Row>getList(first.fieldIndex("outputs")).stream()
                .filter(o -> o.getString(0).equals("reporting.it_capex_by_year")).findFirst().orElseThrow().getLong(1);
        firstRunCapexRows = rows(SharedSpark.table(copy.lakehouse(), CAPEX).collectAsList());
        // A new snapshot resubmits RNR's 2019-20 IT hardware capex: 400 becomes 450 (the 2020-06-01 return said 400).
        Path resubmitted = copy.landing().resolve("finance/2021-06-01/finance_returns.csv");
        Files.createDirectories(resubmitted.getParent());
        Files.writeString(resubmitted, "org_code,fin_year,sub_code,value_k\nRNR,2019-20,CAP_IT_HW,450\n");
        CliResult second = copy.run();
        assertEquals(ExitCodes.OK, second.exitCode(), second.summary());
        rowsBefore = rowCounts(copy.lakehouse());
        filesBefore = fileCounts(copy.lakehouse());

        maintained = Cli.run("maintain", "--lakehouse", copy.lakehouse().toString());
        rowsAfter = rowCounts(copy.lakehouse());
        filesAfter = fileCounts(copy.lakehouse());
        versionsAfter = DeltaVersions.of(copy.lakehouse());

        again = Cli.run("maintain", "--lakehouse", copy.lakehouse().toString());
        versionsAfterAgain = DeltaVersions.of(copy.lakehouse());
    }

    @Test
    void maintenanceChangesNoTablesRows() {
        assertEquals(ExitCodes.OK, maintained.exitCode(), maintained.summary());
        Map<String, Long> expected = new TreeMap<>(rowsBefore);
        expected.merge("ops/runs", 1L, Long::sum); // its own record, and nothing else
        assertEquals(expected, rowsAfter);
    }

    @Test
    void bronzeIsCompactedToOneFilePerTable() {
        // Ingest writes one file per landing file (each small CSV is its own Spark partition): finance_returns has
        // four (2019-06-03, 2019-09-30 and 2020-06-01, then 2021-06-01 in the second run), workforce_org two
        // (2019-06-03, 2019-07-01), every other source of the fixture one; the DMA, DSPT, programme and GP sources none.
        Map<String, Long> landingFiles = new TreeMap<>(Map.ofEntries(Map.entry("bronze/deflators", 1L),
                Map.entry("bronze/finance_codes", 1L), Map.entry("bronze/finance_returns", 4L),
                Map.entry("bronze/informatics_occupations", 1L), Map.entry("bronze/organisations", 1L),
                Map.entry("bronze/successors", 1L), Map.entry("bronze/workforce_org", 2L),
                Map.entry("bronze/dma_answer_scales", 0L), Map.entry("bronze/dma_questions", 0L),
                Map.entry("bronze/dma_responses", 0L), Map.entry("bronze/dspt_status", 0L),
                Map.entry("bronze/programme_membership", 0L), Map.entry("bronze/gp_practices", 0L),
                Map.entry("bronze/gp_dma_answer_scales", 0L), Map.entry("bronze/gp_dma_questions", 0L),
                Map.entry("bronze/gp_dma_responses", 0L)));
        assertEquals(landingFiles, bronze(filesBefore));
        Map<String, Long> compacted = new TreeMap<>();
        landingFiles.forEach((table, files) -> compacted.put(table, Math.min(files, 1L)));
        assertEquals(compacted, bronze(filesAfter), maintained.out());
        assertTrue(maintained.out().lines().anyMatch(l -> l.trim().startsWith("bronze.finance_returns")
                && l.contains("4 -> 1 file(s)")), maintained.out());
        // Tables a run replaces whole keep their files and their versions: the next run must not rebuild them.
        assertEquals(filesBefore.get(CAPEX), filesAfter.get(CAPEX));
        assertEquals(2L, versionsAfter.get(CAPEX), "version 0 the table, 1 and 2 the two runs");
    }

    @Test
    void timeTravelToTheFirstRunStillReadsItsRows() {
        String path = copy.lakehouse().resolve(CAPEX).toString();
        List<String> asOfFirst = rows(SPARK.sql("SELECT * FROM delta.`" + path + "` VERSION AS OF "
                + firstRunCapexVersion).collectAsList());
        assertEquals(firstRunCapexRows, asOfFirst);
        assertNotEquals(firstRunCapexRows, rows(SharedSpark.table(copy.lakehouse(), CAPEX).collectAsList()),
                "the second run changed the table, so reading the first run's version is time travel");
        // bronze as the first run left it (version 1): the 96 + 1 + 4 data rows of its three finance files
        Path bronzeFinance = copy.lakehouse().resolve("bronze/finance_returns");
        assertEquals(101, SPARK.sql("SELECT * FROM delta.`" + bronzeFinance + "` VERSION AS OF 1").count());
    }

    @Test
    void maintenanceIsRecordedInOpsRunsAndItsCommitsNameIt() {
        Row last = runs(copy.lakehouse()).stream().filter(r -> r.getString(r.fieldIndex("run_id")).startsWith("m"))
                .findFirst().orElseThrow();
        String runId = last.getString(last.fieldIndex("run_id"));
        assertTrue(runId.matches("m\\d{8}-[0-9a-f]{12}"), runId);
        assertEquals("MAINTAINED", last.getString(last.fieldIndex("status")));
        assertEquals(0, last.getInt(last.fieldIndex("exit_code")));
        assertEquals("maintain --lakehouse " + copy.lakehouse(), last.getString(last.fieldIndex("command")));
        assertTrue(maintained.out().contains("done   " + runId + ": "), maintained.out());
        String metadata = SPARK.sql("DESCRIBE HISTORY delta.`" + copy.lakehouse().resolve("bronze/finance_returns")
                + "`").filter("operation = 'OPTIMIZE'").select("userMetadata").head().getString(0);
        assertTrue(metadata.contains("\"run_id\":\"" + runId + "\""), metadata);
    }

    @Test
    void aSecondMaintenanceWritesNothingButItsOwnRecord() {
        assertEquals(ExitCodes.OK, again.exitCode(), again.summary());
        Map<String, Long> expected = new TreeMap<>(versionsAfter);
        expected.remove("ops/runs");
        Map<String, Long> actual = new TreeMap<>(versionsAfterAgain);
        actual.remove("ops/runs");
        assertEquals(expected, actual, again.out());
        List<String> others = again.out().lines().filter(l -> l.startsWith("  ") && !l.trim().startsWith("ops.runs"))
                .toList();
        assertTrue(others.size() > 20, again.out());
        assertTrue(others.stream().noneMatch(l -> l.contains(" -> ") || l.contains("checkpoint")), again.out());
    }

    @Test
    void aRetentionShorterThanTheTablesOwnIsRefused() {
        FixtureLakehouse.Copy shortened = FixtureLakehouse.copy("finance", temp.resolve("short"));
        Map<String, Long> versions = DeltaVersions.of(shortened.lakehouse());

        CliResult refused = Cli.run("maintain", "--lakehouse", shortened.lakehouse().toString(), "--retain", "30");

        assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.summary());
        assertTrue(refused.err().startsWith("usage: --retain 30 is shorter than the tables' own retention "
                + "(bronze.deflators keeps 2557 days"), refused.err());
        assertEquals(versions, DeltaVersions.of(shortened.lakehouse()), "nothing written, not even ops.runs");
    }

    private static Map<String, Long> bronze(Map<String, Long> files) {
        return files.entrySet().stream().filter(e -> e.getKey().startsWith("bronze/"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    private static List<Row> runs(Path lakehouse) {
        return SharedSpark.table(lakehouse, "ops/runs").orderBy("started_at", "execution").collectAsList();
    }

    private static List<String> rows(List<Row> rows) {
        return rows.stream().map(Row::toString).sorted().toList();
    }

    /** Rows of every Delta table of the lakehouse (bronze, restricted, silver, reporting, ops). */
    private static Map<String, Long> rowCounts(Path lakehouse) {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : DeltaVersions.of(lakehouse).keySet()) {
            counts.put(table, SharedSpark.table(lakehouse, table).count());
        }
        return counts;
    }

    /** Live data files of each table at its latest version (DESCRIBE DETAIL's numFiles). */
    private static Map<String, Long> fileCounts(Path lakehouse) {
        Map<String, Long> files = new TreeMap<>();
        for (String table : DeltaVersions.of(lakehouse).keySet()) {
            files.put(table, DeltaTable.forPath(SPARK, lakehouse.resolve(table).toString()).detail()
                    .select("numFiles").head().getLong(0));
        }
        return files;
    }
}
