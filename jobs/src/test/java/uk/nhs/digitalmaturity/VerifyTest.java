package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.FileUtils;
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
import uk.nhs.digitalmaturity.testing.Landings;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * {@code verify} of the {@code finance} fixture's run after a second run as at the same date has replaced its
 * publication pack (a resubmission of RQN's 2019-20 IT capex, 50 k, now 150 k, in a new snapshot), the landing
 * zone has been deleted, and {@code maintain} has compacted bronze and vacuumed. The first run
 * published 27 files: one CSV per reporting table (26) and the data dictionary. Worked by hand from the fixture:
 * 2019-20 IT capex is RNR's 400 k and RQN's 50 k; changing RNR's 400 to 999 in bronze changes that one year of
 * {@code reporting.it_capex_by_year} (key {@code fin_year}).
 */
class VerifyTest {
    private static final int PUBLISHED_FILES = 26 + 1;
    private static final SparkSession SPARK = SharedSpark.get();
    @TempDir
    static Path temp;
    private static FixtureLakehouse.Copy copy;
    private static String first;
    private static String second;

    @BeforeAll
    static void twoRunsAsAtTheSameDate() throws IOException {
        copy = FixtureLakehouse.copy("finance", temp.resolve("two-runs"));
        first = SharedSpark.table(copy.lakehouse(), "ops/runs").select("run_id").head().getString(0);
        Path resubmitted = copy.landing().resolve("finance/2026-11-23/finance_returns.csv");
        Files.createDirectories(resubmitted.getParent());
        Files.writeString(resubmitted, "org_code,fin_year,sub_code,value_k\nRQN,2019-20,CAP_IT_HW,150\n"
                + "RQN,2019-20,OPEX_TOTAL,30000\n");
        CliResult run = copy.run("--no-notebooks");
        assertEquals(ExitCodes.OK, run.exitCode(), run.summary());
        second = packRunId(copy.lakehouse());
        assertNotEquals(first, second, "the pack on disk is the second run's: verify cannot just re-read it");
        FileUtils.deleteDirectory(copy.landing().toFile());
        CliResult maintained = Cli.run("maintain", "--lakehouse", copy.lakehouse().toString());
        assertEquals(ExitCodes.OK, maintained.exitCode(), maintained.summary());
        // the fixture's three finance files and the resubmission, compacted under the first run's rows
        assertTrue(maintained.out().lines().anyMatch(l -> l.trim().startsWith("bronze.finance_returns")
                && l.contains("4 -> 1 file(s)")), maintained.out());
    }

    @Test
    void theFirstRunIsVerifiedFromBronzeWithoutItsLandingZoneAfterMaintenance() throws IOException {
        Map<String, Long> versions = DeltaVersions.of(copy.lakehouse());

        CliResult verified = verify(copy.lakehouse(), first);

        assertEquals(ExitCodes.OK, verified.exitCode(), verified.summary());
        assertTrue(verified.out().contains("verified: " + PUBLISHED_FILES + " files identical to run " + first
                + "'s publication (recomputed as the same run id)"), verified.out());
        assertTrue(verified.out().contains("copy   the rows of the run's 12 input file(s)"), verified.out());
        assertEquals(versions, DeltaVersions.of(copy.lakehouse()), "verify only reads the lakehouse");
        assertEquals(second, packRunId(copy.lakehouse()));
        assertFalse(verified.out().contains("differs"), verified.out());
    }

    @Test
    void exportOfTheFirstRunAfterMaintenanceGivesItsRows() throws IOException {
        Path out = temp.resolve("first-after-maintain.csv");
        CliResult exported = Cli.run("export", "--run", first, "--table", "reporting.it_capex_by_year", "--out",
                out.toString(), "--lakehouse", copy.lakehouse().toString());
        assertEquals(ExitCodes.OK, exported.exitCode(), exported.summary());
        // 2019-20: RNR 400 k + RQN 50 k as the first run saw them (the second run reads RQN's 150 k)
        String[] year = Files.readAllLines(out).stream().filter(l -> l.startsWith("2019-20,")).findFirst()
                .orElseThrow().split(",");
        assertEquals(List.of("450000", "439453.125", "2"), List.of(year[1], year[2], year[3]));
    }

    @Test
    void aCorruptedBronzeRowIsNamedByTableAndKey() {
        Path corrupted = Landings.copy(copy.lakehouse(), temp.resolve("corrupted"));
        long changed = SPARK.sql("UPDATE delta.`" + corrupted.resolve("bronze/finance_returns") + "` SET value_k = 999 "
                + "WHERE org_code = 'RNR' AND fin_year = '2019-20' AND sub_code = 'CAP_IT_HW' "
                + "AND _source_file = 'finance/2020-06-01/finance_returns.csv'").head().getLong(0);
        assertEquals(1, changed);

        CliResult verified = verify(corrupted, first);

        assertEquals(ExitCodes.NOT_REPRODUCED, verified.exitCode(), verified.summary());
        assertTrue(verified.out().contains("differs it_capex_by_year.csv: reporting.it_capex_by_year: 1 row(s) as "
                + "published and not recomputed, 1 recomputed and not published; first keys (fin_year=2019-20)"),
                verified.out());
        assertTrue(verified.err().startsWith("not reproduced: "), verified.err());
        assertTrue(verified.err().contains(" files differ from run " + first + "'s publication"), verified.err());
        List<String> differing = verified.out().lines().filter(l -> l.startsWith("differs ")).toList();
        assertTrue(differing.stream().noneMatch(l -> l.startsWith("differs data-dictionary.csv")), verified.out());
    }

    @Test
    void anotherCodeVersionIsRefusedBeforeAnythingIsRecomputed() {
        Path other = Landings.copy(copy.lakehouse(), temp.resolve("other-code"));
        SPARK.sql("UPDATE delta.`" + other.resolve("ops/runs") + "` SET code_version = '0.0.9+code.000000000000' "
                + "WHERE run_id = '" + first + "'");

        CliResult refused = verify(other, first);

        assertEquals(ExitCodes.CODE_CHANGED, refused.exitCode(), refused.summary());
        assertTrue(refused.err().startsWith("code changed: run " + first + " was computed by code "
                + "0.0.9+code.000000000000, this build is 0."), refused.err());
        assertFalse(refused.out().contains("copy"), "nothing recomputed: " + refused.out());
    }

    @Test
    void maintenanceRecordsAndUnknownRunsAreRefused() {
        CliResult maintenance = verify(copy.lakehouse(), "m20261202-0123456789ab");
        assertEquals(ExitCodes.USAGE, maintenance.exitCode(), maintenance.summary());
        assertTrue(maintenance.err().startsWith("usage: m20261202-0123456789ab is a maintain record"), maintenance.err());
        CliResult unknown = verify(copy.lakehouse(), "r20990101-0123456789ab");
        assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown.summary());
        assertTrue(unknown.err().startsWith("usage: no run r20990101-0123456789ab in "), unknown.err());
    }

    @Test
    void eachRunRecordsThePackItPublished() throws IOException {
        Row recorded = SharedSpark.table(copy.lakehouse(), "ops/runs").filter("run_id = '" + second + "'")
                .selectExpr("publication").head();
        List<Row> files = recorded.getList(0);
        assertEquals(PUBLISHED_FILES, files.size());
        var manifest = new ObjectMapper().readTree(copy.lakehouse().resolve("publication/2026-11-24/manifest.json")
                .toFile());
        for (int i = 0; i < files.size(); i++) {
            assertEquals(manifest.get("files").get(i).get("file").asText(), files.get(i).getString(0));
            assertEquals(manifest.get("files").get(i).get("sha256").asText(), files.get(i).getString(1));
        }
    }

    private static CliResult verify(Path lakehouse, String runId) {
        return Cli.run("verify", runId, "--lakehouse", lakehouse.toString());
    }

    private static String packRunId(Path lakehouse) throws IOException {
        return new ObjectMapper().readTree(lakehouse.resolve("publication/2026-11-24/manifest.json").toFile())
                .get("run_id").asText();
    }
}
