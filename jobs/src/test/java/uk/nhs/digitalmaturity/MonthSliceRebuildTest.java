package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.CliResult;
import uk.nhs.digitalmaturity.testing.FixtureLakehouse;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * A month of staff-level workforce lands, and the monthly workforce tables ({@code incremental_by: period})
 * recompute only that month's rows (issue 15): the result must equal a full recompute, row for row. On a copy
 * of fixture {@code orgdate} (RAA and RBB merge into RCC on 2019-04-01; RDD into REE on 2019-10-01; published
 * workforce for 2018-12 only: RAA 400, RBB 600, RDD 300, REE 600, RFF 500 FTE), this test lands two staff-level
 * files. Occupation Y1A is the fixture's one informatics code.
 *
 * <pre>
 * workforce/2019-02-01/workforce_staff.csv, period 2018-12 (first run):
 *   RAA  Y1A 1.0, C01 1.0, C01 0.5   total 2.5, informatics 1.0
 *   RBB  Y1A 0.8, G02 1.0            total 1.8, informatics 0.8
 * workforce/2019-03-01/workforce_staff.csv, period 2019-01 (second run: the new month):
 *   RAA  Y1A 1.0, C01 1.0            total 2.0, informatics 1.0
 *   REE  C01 1.2                     total 1.2, informatics 0
 *
 * informatics_workforce, organisations as at the reporting date (RAA, RBB into RCC; RDD into REE):
 *   2018-12 RCC  staff-level 2.5 + 1.8 = 4.3, informatics 1.8        REE published 300 + 600 = 900 (null)
 *           RFF  published 500 (null)
 *           ENGLAND 4.3 + 900 + 500 = 1404.3; informatics 1.8 over base 4.3 = 41.860465..%; 1 of 3 trusts covered
 *   2019-01 RCC  2.0, informatics 1.0    REE 1.2, informatics 0
 *           ENGLAND 3.2; informatics 1.0 over base 3.2 = 31.25%; 2 of 2 trusts covered
 * workforce_reconciliation (both layouts, per submitting organisation), 2018-12 only (no 2019-01 publication):
 *   RAA 2.5 - 400 = -397.5 (-99.375%)    RBB 1.8 - 600 = -598.2 (-99.7%)
 * </pre>
 *
 * The second run must replace only period 2019-01 of both tables (a replaceWhere commit where the month has rows,
 * none where it has none); a third run
 * with {@code --rebuild} recomputes them whole, and the two versions must hold the same rows.
 *
 * <p>The Figure 7 family ({@code reads_only: {period: reference_period}}) reads the workforce at 2018-12 alone,
 * so the new month (2019-01) must leave it at its version, and the full rebuild must give the same rows. Its
 * FTE is the staff-level one where that layout covers the month (deflators all 100, so real = nominal):
 *
 * <pre>
 * it_capex_per_fte, RCC: IT capex 6 years x (RAA 60k + RBB 120k) = 1,080,000 over 6 years = 180,000 a year;
 *   FTE at 2018-12 = 2.5 + 1.8 = 4.3 (STAFF_LEVEL); 180,000 / 4.3 = 41,860.465116... per FTE
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonthSliceRebuildTest {
    private static final String PERSON = "a".repeat(63);

    @TempDir
    static Path temp;
    private FixtureLakehouse.Copy copy;
    private final SparkSession spark = SharedSpark.get();
    private CliResult newMonth;
    private static final List<String> MONTHLY = List.of("informatics_workforce", "workforce_reconciliation");
    private static final List<String> FIGURE_7 = List.of("it_capex_per_fte", "it_capex_per_fte_exclusions",
            "it_capex_per_fte_variation", "programme_maturity");
    /** A published file the test edits before the new month, of a table the new month does not rebuild. */
    private static final String TAMPERED = "organisation_counts.csv";
    private CliResult rebuild;
    /** The pack's files (name → text) after the new month, and after the full rebuild. */
    private Map<String, String> newMonthPack;
    private Map<String, String> rebuiltPack;
    /** Table → its Delta version after the first month, after the new month and after the full rebuild. */
    private final Map<String, long[]> versions = new TreeMap<>();

    @BeforeAll
    void landTwoMonths() throws IOException {
        copy = FixtureLakehouse.copy("orgdate", temp);
        land("2019-02-01", List.of(
                "2018-12,RAA," + PERSON + "1,A1,Informatics,Y1A,1.0",
                "2018-12,RAA," + PERSON + "2,A2,Nurses,C01,1.0",
                "2018-12,RAA," + PERSON + "3,A3,Nurses,C01,0.5",
                "2018-12,RBB," + PERSON + "4,B1,Informatics,Y1A,0.8",
                "2018-12,RBB," + PERSON + "5,B2,Central functions,G02,1.0"));
        CliResult first = copy.run();
        assertEquals(ExitCodes.OK, first.exitCode(), first.printed());
        for (String table : java.util.stream.Stream.concat(MONTHLY.stream(), FIGURE_7.stream()).toList()) {
            versions.put(table, new long[] {version(table), 0, 0});
        }
        land("2019-03-01", List.of(
                "2019-01,RAA," + PERSON + "1,A1,Informatics,Y1A,1.0",
                "2019-01,RAA," + PERSON + "2,A2,Nurses,C01,1.0",
                "2019-01,REE," + PERSON + "6,E1,Nurses,C01,1.2"));
        // Somebody edits a published file of a table the new month leaves alone: it must not be kept.
        Files.writeString(pack().resolve(TAMPERED), "tampered\n", java.nio.file.StandardOpenOption.APPEND);
        newMonth = copy.run();
        assertEquals(ExitCodes.OK, newMonth.exitCode(), newMonth.printed());
        newMonthPack = files(pack());
        versions.forEach((table, v) -> v[1] = version(table));
        rebuild = copy.run("--rebuild");
        assertEquals(ExitCodes.OK, rebuild.exitCode(), rebuild.printed());
        rebuiltPack = files(pack());
        versions.forEach((table, v) -> v[2] = version(table));
    }

    /** The one publication folder of the copy (the fixture's as-at date). */
    private Path pack() throws IOException {
        try (java.util.stream.Stream<Path> folders = Files.list(copy.lakehouse().resolve("publication"))) {
            List<Path> all = folders.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (java.util.stream.Stream<Path> all = Files.list(folder)) {
            for (Path f : all.toList()) {
                files.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        return files;
    }

    private void land(String snapshot, List<String> rows) throws IOException {
        Path folder = Files.createDirectories(copy.landing().resolve("workforce").resolve(snapshot));
        Files.writeString(folder.resolve("workforce_staff.csv"),
                "period,org_code,person_id,assignment_id,staff_group,occupation_code,fte\n" + String.join("\n", rows)
                        + "\n");
    }

    private String path(String table) {
        return copy.lakehouse().resolve("reporting").resolve(table).toString();
    }

    private long version(String table) {
        return spark.sql("DESCRIBE HISTORY delta.`" + path(table) + "` LIMIT 1").head().getLong(0);
    }

    /** The table's rows at a version, in the order of all its columns (so two versions compare row for row). */
    private List<Row> rows(String table, long version) {
        Dataset<Row> rows = spark.read().format("delta").option("versionAsOf", version).load(path(table));
        return rows.orderBy(Arrays.stream(rows.columns()).map(functions::col).toArray(Column[]::new))
                .collectAsList();
    }

    @Test
    void theNewMonthReplacesOnlyItsOwnRowsOfEachMonthlyTable() {
        for (String table : MONTHLY) {
            assertTrue(newMonth.out().lines().anyMatch(l -> l.contains("reporting." + table)
                    && l.contains("period 2019-01 recomputed")), newMonth.out());
        }
        // informatics_workforce: one commit replacing period 2019-01 only.
        long[] informatics = versions.get("informatics_workforce");
        assertEquals(informatics[0] + 1, informatics[1]);
        Row commit = spark.sql("DESCRIBE HISTORY delta.`" + path("informatics_workforce") + "`")
                .where("version = " + informatics[1]).select("operationParameters").head();
        String predicate = String.valueOf(commit.getJavaMap(0).get("predicate"));
        assertTrue(predicate.contains("period") && predicate.contains("2019-01") && !predicate.contains("2018-12"),
                predicate);
        // workforce_reconciliation has no 2019-01 rows (nothing published for that month): nothing to replace
        // and nothing to add, so Delta commits nothing and the table keeps its version.
        long[] reconciliation = versions.get("workforce_reconciliation");
        assertEquals(reconciliation[0], reconciliation[1]);
    }

    @Test
    void theNewMonthLeavesFigure7AsItIs() {
        for (String table : FIGURE_7) {
            long[] v = versions.get(table);
            assertEquals(v[0], v[1], table + " was rewritten by a month it does not read");
            assertTrue(newMonth.out().lines().anyMatch(l -> l.contains("reporting." + table + " ")
                    && l.contains("up to date") && l.contains("the new files hold no row it reads")), newMonth.out());
        }
        Row rcc = rows("it_capex_per_fte", versions.get("it_capex_per_fte")[1]).stream()
                .filter(r -> "RCC".equals(r.getAs("org_code"))).findFirst().orElseThrow();
        assertFte("4.3", rcc, "fte");
        assertEquals("STAFF_LEVEL", rcc.getAs("fte_source"));
        assertEquals(180_000 / 4.3, ((Number) rcc.getAs("it_capex_per_fte_gbp")).doubleValue(), 1e-6);
    }

    @Test
    void informaticsWorkforceAsWorkedByHand() {
        Map<String, Row> byUnit = new TreeMap<>();
        for (Row r : rows("informatics_workforce", versions.get("informatics_workforce")[1])) {
            byUnit.put(r.getAs("period") + " " + r.getAs("reporting_unit"), r);
        }
        assertEquals(List.of("2018-12 ENGLAND", "2018-12 RCC", "2018-12 REE", "2018-12 RFF", "2019-01 ENGLAND",
                "2019-01 RCC", "2019-01 REE"), List.copyOf(byUnit.keySet()));
        assertFte("4.3", byUnit.get("2018-12 RCC"), "total_fte");
        assertFte("1.8", byUnit.get("2018-12 RCC"), "informatics_fte");
        assertFte("900", byUnit.get("2018-12 REE"), "total_fte");
        assertNull(byUnit.get("2018-12 REE").getAs("informatics_fte"));
        assertFte("1404.3", byUnit.get("2018-12 ENGLAND"), "total_fte");
        assertEquals(100 * 1.8 / 4.3, (double) byUnit.get("2018-12 ENGLAND").getAs("informatics_share_pct"), 1e-9);
        assertEquals(1L, (long) byUnit.get("2018-12 ENGLAND").getAs("trusts_covered"));
        assertEquals(3L, (long) byUnit.get("2018-12 ENGLAND").getAs("trusts_total"));
        assertFte("2.0", byUnit.get("2019-01 RCC"), "total_fte");
        assertFte("1.2", byUnit.get("2019-01 REE"), "total_fte");
        assertFte("0", byUnit.get("2019-01 REE"), "informatics_fte");
        assertEquals(31.25, (double) byUnit.get("2019-01 ENGLAND").getAs("informatics_share_pct"), 1e-9);
        assertEquals(2L, (long) byUnit.get("2019-01 ENGLAND").getAs("trusts_covered"));
    }

    @Test
    void workforceReconciliationAsWorkedByHand() {
        List<Row> rows = rows("workforce_reconciliation", versions.get("workforce_reconciliation")[1]);
        assertEquals(List.of("2018-12 RAA", "2018-12 RBB"),
                rows.stream().map(r -> r.getAs("period") + " " + r.getAs("org_code")).toList());
        assertFte("-397.5", rows.get(0), "difference_fte");
        assertEquals(-99.375, (double) rows.get(0).getAs("difference_pct"), 1e-9);
        assertFte("-598.2", rows.get(1), "difference_fte");
        assertEquals(-99.7, (double) rows.get(1).getAs("difference_pct"), 1e-9);
    }

    @Test
    void aMonthAtATimeEqualsTheFullRecompute() {
        versions.forEach((table, v) -> {
            // programme_maturity is empty here (the fixture has no DMA survey), and overwriting an empty
            // table with no rows commits nothing: its version stays, and so do its (no) rows.
            assertTrue(v[2] > v[1] || table.equals("programme_maturity") && rows(table, v[2]).isEmpty(),
                    table + " was not rewritten by --rebuild");
            assertEquals(rows(table, v[2]), rows(table, v[1]), table);
        });
    }

    /**
     * The new month rebuilds three of the 26 reporting tables (the two monthly ones and trust_scorecard, which
     * shows each trust's latest month); the pack keeps the files of the other 23 from the last pack, less the
     * one edited on disk, which is rendered again: 22. What it publishes must be the bytes of a full rebuild,
     * which reads and renders every table.
     */
    @Test
    void theNewMonthsPackKeepsUnchangedFilesAndEqualsAFullRebuildsPack() {
        assertTrue(newMonth.out().lines().anyMatch(l -> l.startsWith("publish ")
                && l.contains("28 files (22 unchanged, kept from the last pack)")), newMonth.out());
        assertTrue(rebuild.out().lines().anyMatch(l -> l.startsWith("publish ") && l.contains("28 files")
                && !l.contains("kept")), rebuild.out());
        assertEquals(rebuiltPack.keySet(), newMonthPack.keySet());
        rebuiltPack.forEach((file, text) -> {
            if (!file.equals("manifest.json")) {
                assertEquals(text, newMonthPack.get(file), file);
            }
        });
        // The manifest names its run: the same inputs, parameters and code, so the same run id and bytes.
        assertEquals(rebuiltPack.get("manifest.json"), newMonthPack.get("manifest.json"));
        assertTrue(!newMonthPack.get(TAMPERED).contains("tampered"), newMonthPack.get(TAMPERED));
    }

    private static void assertFte(String expected, Row row, String column) {
        BigDecimal actual = row.getAs(column);
        assertEquals(0, new BigDecimal(expected).compareTo(actual), column + " " + actual + " in " + row);
    }
}
