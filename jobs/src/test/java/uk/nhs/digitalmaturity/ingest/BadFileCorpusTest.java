package uk.nhs.digitalmaturity.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.contract.Sha256;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.CliResult;
import uk.nhs.digitalmaturity.testing.FixtureLakehouse;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The corpus of bad landing files of issue 17, one test per case, each with the outcome docs/landing.md
 * tables: either the run goes on and every data line of the file is in bronze or in quarantine with its rule
 * ({@code rows = valid_rows + quarantined_rows}, counted here by hand), or the run stops with exit 3 and one
 * line naming the file and the problem, with no stack trace and no value from the file.
 *
 * <p>The cases whose rows are loaded or quarantined share ONE run: each is its own file, in its own snapshot
 * folder, added to a copy of the {@code finance} fixture's lakehouse, so that run reads only them and each
 * file's outcome is still asserted on its own. The cases that stop the run each need their own run, but stop
 * before any Spark job. Cases already tested elsewhere: a changed ingested file
 * ({@code FoundationPipelineTest.aChangedLandingFileStopsTheRun}; same size and time needs
 * {@code --verify-checksums}, {@code anIngestedFileIsReadAgainOnlyWhenTouchedOrWhenAskedTo}); a successor cycle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadFileCorpusTest {
    private static final String FINANCE = "org_code,fin_year,sub_code,value_k\n";
    private static final String STAFF = "period,org_code,person_id,assignment_id,staff_group,occupation_code,fte\n";
    private static final String ORGS = "org_code,org_name,org_type,sector,region_code,open_date,close_date\n";
    /** A value in every refused file's data row: it must never be printed. */
    private static final String SENTINEL = "424242";
    private static final String BOM = "\uFEFF";
    /** Staff identifiers of valid rows beside the over-long field: none may reach any output. */
    private static final List<String> PERSON_IDS = List.of(
            "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d0f",
            "3b5d7f9a1c3e5b7d9f1a3c5e7b9d0f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c2e4b",
            "c7e9b1d3f5a7c9e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d0f2c4e6a8");
    private static final List<String> ASSIGNMENT_IDS = List.of("ASG-48213377", "ASG-59102264", "ASG-60318845");
    private static final int TWENTY_MB = 20 * 1024 * 1024;

    @TempDir
    static Path temp;
    private FixtureLakehouse.Copy rows;
    private CliResult rowsRun;
    private final Map<String, Row> ingested = new HashMap<>();
    private final Map<String, String> quarantineRules = new HashMap<>();

    // ---- the shared run: every case whose rows are loaded or quarantined -------------------------------

    @BeforeAll
    void deliverTheRowCasesAndRunOnce() throws IOException {
        rows = FixtureLakehouse.copy("finance", temp.resolve("rows"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        // BOM and CRLF: an ordinary Windows (Excel) export
        deliver("finance/2020-07-01/finance_returns.csv",
                BOM + (FINANCE + "RXC,2012-13,CAP_IT_HW,10\nRMD,2012-13,CAP_IT_HW,0.5\n").replace("\n", "\r\n"));
        deliver("finance/2020-07-02/finance_returns.csv", FINANCE);
        deliver("finance/2020-07-03/finance_returns.csv",
                "org_code,fin_year,sub_code,value_k,comment\nRXC,2012-13,CAP_IT_HW,11,restated\n");
        deliver("finance/2020-07-04/finance_returns.csv",
                FINANCE + "RXC,2012-13,CAP_IT_HW,12\nRNG,2012-13,CAP_IT_HW,\"59\n62\"\nRNG,2012-13,OPEX_TOTAL,90000\n");
        // a Latin-1 pound sign (byte A3) in a new trust's name, and a row of that trust in finance
        deliver("organisations/2020-07-05/organisations.csv", bytes(ORGS, "RQQ,Quince ")
                .with(0xA3).with("1 Trust,NHS_TRUST,ACUTE,Y59,2019-04-01,\n"
                        + "RSP,Sorrel Hospitals NHS Foundation Trust,FOUNDATION_TRUST,ACUTE,Y61,2004-04-01,\n").get());
        deliver("finance/2020-07-05/finance_returns.csv", FINANCE + "RQQ,2012-13,CAP_IT_HW,5\nRSP,2012-13,CAP_IT_HW,6\n");
        deliver("finance/2020-07-06/finance_returns.csv",
                bytes(FINANCE, "RSP,2012-13,CAP_IT_HW,1").with(0xA3).with("0\nRSP,2012-13,CAP_IT_SW,7\n").get());
        deliver("finance/2020-07-07/finance_returns.csv", FINANCE
                + "RXC,2012-13,CAP_IT_HW,1e400\n"          // 2
                + "RXC,2012-13,CAP_IT_SW,NaN\n"            // 3
                + "RXC,2012-13,OPEX_TOTAL,1,234\n"         // 4
                + "RXC,2012-13,INC_TOTAL,\"1,234\"\n"      // 5
                + "RMD,2012-13,CAP_IT_HW,Infinity\n"       // 6
                + "RMD,2012-13,CAP_IT_SW,0x10\n"           // 7
                + "RMD,2012-13,CAP_IT_DISP,-0\n"           // 8
                + "RMD,2012-13,OPEX_TOTAL, 12 \n"          // 9
                + "RMD,2012-13,INC_TOTAL,+5\n"             // 10
                + "REE,2012-13,CAP_IT_SW,1E+3\n");         // 11
        deliver("finance/2020-07-08/finance_returns.csv", FINANCE + "RZZ,2012-13,CAP_IT_HW,1\nRXC,2012-13,CAP_IT_HW,2\n");
        deliver("finance/2020-07-09/finance_returns.csv",
                FINANCE + "RXC,2012-13,CAP_IT_HW,1\nRXC,2012-13,CAP_IT_HW,2\nRXC,2012-13,CAP_IT_SW,3\n");
        deliver("finance/2020-07-10/finance_returns.csv", FINANCE + "RXC,2012-13,CAP_IT_HW,1\nRXC,2012-13,CAP_IT_SW,2");
        deliver("finance/2020-07-11/finance_returns.csv", FINANCE + "RXC,2012-13,CAP_IT_HW,1\nRXC,2012-13,CAP_I");
        deliver("workforce/2020-07-12/workforce_staff.csv", STAFF
                + "2012-06,RMD," + PERSON_IDS.get(0) + ",ASG-1,Central functions,Y1A,1.0\n"
                + "2012-06,RMD," + PERSON_IDS.get(1) + ",ASG-2,Central functions,Y1A,1.6\n");
        deliver("finance/2020-07-13/FINANCE_RETURNS.CSV", FINANCE + "RXC,2012-13,CAP_IT_HW,13\n");
        Files.writeString(outside.resolve("linked.csv"), FINANCE + "RXC,2012-13,CAP_IT_HW,14\n");
        Files.createDirectories(rows.landing().resolve("finance/2020-07-14"));
        Files.createSymbolicLink(rows.landing().resolve("finance/2020-07-14/finance_returns.csv"),
                outside.resolve("linked.csv"));
        Files.createDirectories(outside.resolve("folder"));
        Files.writeString(outside.resolve("folder/finance_returns.csv"), FINANCE + "RXC,2012-13,CAP_IT_HW,15\n");
        Files.createSymbolicLink(rows.landing().resolve("finance/2020-07-15"), outside.resolve("folder"));
        deliver("finance/2020-07-16/finance_returns.csv", FINANCE + "RXC,2012-13,CAP_IT_HW,16\n\n\n");
        deliver("finance/2020-07-17/finance_returns.csv", FINANCE + "RXC,2012-13,CAP_IT_HW,17,x\nRXC,2012-13,CAP_IT_SW,17\n");
        deliver("finance/2020-07-18/finance_returns.csv.gz",
                gzip(FINANCE + "RXC,2012-13,CAP_IT_HW,18\nRXC,2012-13,CAP_IT_SW,18.5\n"));
        deliver("finance/2020-07-18/.DS_Store", "\0\0\0\1Bud1");
        deliver("finance/2020-07-18/_SUCCESS", "");
        StringBuilder staff = new StringBuilder(STAFF);
        for (int i = 0; i < 3; i++) {
            staff.append("2012-09,RMD,").append(PERSON_IDS.get(i)).append(',').append(ASSIGNMENT_IDS.get(i))
                    .append(",Central functions,Y1A,1.0\n");
            if (i == 1) { // line 4, between valid rows of real identifiers
                staff.append("2012-09,RMD,").append(PERSON_IDS.get(2).replace('c', 'd')).append(",ASG-77777777,")
                        .append("W".repeat(70_000)).append(",Y1A,1.0\n");
            }
        }
        deliver("workforce/2020-07-19/workforce_staff.csv", staff.toString());
        StringBuilder huge = new StringBuilder(FINANCE).append("RXC,2012-13,CAP_IT_HW,20\nRXC,2012-13,CAP_IT_SW,");
        huge.append("9".repeat(TWENTY_MB)).append("\nRXC,2012-13,OPEX_TOTAL,20\n");
        deliver("finance/2020-07-20/finance_returns.csv", huge.toString());
        huge.setLength(0);

        deliver("programmes/2020-07-21/programme_membership.csv", "org_code,programme,start_year,central_funding_gbp\n"
                + "RXC,GLOBAL_DIGITAL_EXEMPLAR,2016,10000000\n"  // 2
                + "RMD,FAST_FOLLOWER,2017,5000000\n"             // 3
                + "RMD,DIGITAL_ASPIRANT,2019,1200000\n"          // 4: a second programme of the same trust
                + "RZZ,DIGITAL_ASPIRANT,2019,1200000\n"          // 5
                + "REE,DIGITAL_PIONEER,2019,1\n"                 // 6
                + "REE,FAST_FOLLOWER,2017-18,1\n"                // 7
                + "RNG,FAST_FOLLOWER,2017,-5\n"                  // 8
                + "RNG,GLOBAL_DIGITAL_EXEMPLAR,2016,1\n"         // 9
                + "RNG,GLOBAL_DIGITAL_EXEMPLAR,2016,2\n");       // 10
        deliver("gp/2020-07-22/gp_practices.csv", "practice_code,practice_name,open_date,close_date,parent_org_code\n"
                + "ZZ0001,Ash Surgery,1990-04-01,,\n"                   // 2
                + "ZZ0002,Beech Surgery,1990-04-01,2020-03-31,00C\n"    // 3
                + "ZZ003,Cedar Surgery,1990-04-01,,\n"                  // 4: five characters
                + "ZZ0005,Elm Surgery,1990-04-01,,\n"                   // 5
                + "ZZ0005,Elm Surgery again,1990-04-01,,\n"             // 6
                + "ZZ0004,Damson Surgery,1990-04-01,,NOT A CODE\n"      // 7
                + "ZZ0006,Fig Surgery,2020-04-01,2019-04-01,\n");       // 8: closed before it opened
        deliver("gp/2020-07-22/dma_answer_scales.csv", "answer_scale,answer_code,label,score,ordinal\n"
                + "YES_NO,YES,Yes,,1\nYES_NO,NO,No,,2\n");
        deliver("gp/2020-07-22/gp_dma_questions.csv", "survey_year,question_id,topic,answer_scale,question_text\n"
                + "2019-20,GP01,REMOTE_WORKING,YES_NO,Remote access?\n" // 2
                + "2019,GP02,RECORDS,YES_NO,Records?\n"                 // 3: not a survey year YYYY-YY
                + "2019-20,GP03,RECORDS,DIGITISED,Records?\n"           // 4: no such scale
                + "2019-20,GP04,CONSULTATIONS,YES_NO,Video?\n");        // 5
        deliver("gp/2020-07-22/gp_dma_responses.csv", "survey_year,practice_code,question_id,answer_code\n"
                + "2019-20,ZZ0001,GP01,YES\n"                     // 2
                + "2019-20,ZZ0002,GP01,NO\n"                      // 3: a closed practice still answered
                + "2019-20,ZZ9999,GP01,YES\n"                     // 4: no such practice
                + "2019-20,ZZ0002,GP02,YES\n"                     // 5: the question was quarantined
                + "2019-20,ZZ0001,GP04,MAYBE\n"                   // 6: not on the question's scale
                + "2019-20,ZZ0002,GP04,YES\n"                     // 7
                + "2019-20,ZZ0002,GP04,NO\n");                    // 8: the same question twice
        deliver("cyber/2020-07-22/dspt_status.csv", "org_code,dspt_year,status,status_date\n"
                + "ZZ0001,2019-20,STANDARDS_MET,2020-03-01\n"     // 2: a practice is a known organisation here
                + "RXC,2019-20,STANDARDS_MET,2020-03-01\n"        // 3
                + "ZZ9999,2019-20,STANDARDS_MET,2020-03-01\n"     // 4: no such practice or trust
                + "ZZ00001,2019-20,STANDARDS_MET,2020-03-01\n");  // 5: seven characters
        rowsRun = rows.run();
        assertEquals(ExitCodes.OK, rowsRun.exitCode(), rowsRun.summary());
        for (Row r : SharedSpark.table(rows.lakehouse(), "ops/ingested_files").collectAsList()) {
            ingested.put(r.getAs("source_file"), r);
        }
        for (Row r : SharedSpark.table(rows.lakehouse(), "restricted/quarantine")
                .select("source_file", "row_number", "rule").collectAsList()) {
            quarantineRules.put(r.getString(0) + ":" + r.getLong(1), r.getString(2));
        }
    }

    @Test
    void aByteOrderMarkAndCrlfLineEndsLoad() {
        String file = "finance/2020-07-01/finance_returns.csv";
        assertRows(file, 2, 0);
        assertEquals(new BigDecimal("10.000000"), valueK(file, 2)); // not "10\r"
        assertEquals(new BigDecimal("0.500000"), valueK(file, 3));
    }

    @Test
    void badProgrammeMembershipRowsAreQuarantinedWithTheirRule() {
        String file = "programmes/2020-07-21/programme_membership.csv";
        assertRows(file, 3, 6); // lines 2-4 valid; 5-10 quarantined
        assertRule(file, 5, "UNKNOWN_ORG");
        assertRule(file, 6, "NOT_IN_ENUM");
        assertRule(file, 7, "INVALID_FORMAT");
        assertRule(file, 8, "OUT_OF_RANGE");
        assertRule(file, 9, "DUPLICATE_KEY");
        assertRule(file, 10, "DUPLICATE_KEY");
        assertEquals(2, SharedSpark.table(rows.lakehouse(), "bronze/programme_membership")
                .filter("org_code = 'RMD'").count(), "one trust, two programmes: not a duplicate");
    }

    @Test
    void badGpRowsAreQuarantinedWithTheirRuleAndAnUnknownPracticeIsAnUnknownOrganisation() {
        String practices = "gp/2020-07-22/gp_practices.csv";
        assertRows(practices, 2, 5); // lines 2 and 3 valid
        assertRule(practices, 4, "INVALID_FORMAT");
        assertRule(practices, 5, "DUPLICATE_KEY");
        assertRule(practices, 6, "DUPLICATE_KEY");
        assertRule(practices, 7, "INVALID_FORMAT");
        assertRule(practices, 8, "INCONSISTENT_DATES");
        String questions = "gp/2020-07-22/gp_dma_questions.csv";
        assertRows(questions, 2, 2);
        assertRule(questions, 3, "BAD_FIN_YEAR");
        assertRule(questions, 4, "UNKNOWN_CODE");
        String responses = "gp/2020-07-22/gp_dma_responses.csv";
        assertRows(responses, 2, 5); // lines 2 and 3 valid
        assertRule(responses, 4, "UNKNOWN_ORG");
        assertRule(responses, 5, "UNKNOWN_CODE");
        assertRule(responses, 6, "UNKNOWN_CODE");
        assertRule(responses, 7, "DUPLICATE_KEY");
        assertRule(responses, 8, "DUPLICATE_KEY");
        String dspt = "cyber/2020-07-22/dspt_status.csv";
        assertRows(dspt, 2, 2);
        assertRule(dspt, 4, "UNKNOWN_ORG");
        assertRule(dspt, 5, "INVALID_FORMAT");
        assertEquals(1, SharedSpark.table(rows.lakehouse(), "bronze/dspt_status").filter("org_code = 'ZZ0001'").count(),
                "a practice's DSPT status is loaded");
    }

    @Test
    void aHeaderOnlyFileIsIngestedWithNoRows() {
        assertRows("finance/2020-07-02/finance_returns.csv", 0, 0);
    }

    @Test
    void anExtraColumnIsKeptInExtraColumns() {
        String file = "finance/2020-07-03/finance_returns.csv";
        assertRows(file, 1, 0);
        assertEquals("restated", financeRow(file, 2).getJavaMap(financeRow(file, 2).fieldIndex("extra_columns"))
                .get("comment"));
    }

    @Test
    void aRecordBrokenByAQuotedNewlineLoadsNoPartOfItself() {
        // "59\n62" across lines 3 and 4: neither piece loads (59 was loaded before issue 17).
        String file = "finance/2020-07-04/finance_returns.csv";
        assertRows(file, 2, 2);
        assertRule(file, 3, "MALFORMED_RECORD");
        assertRule(file, 4, "MALFORMED_RECORD");
        assertNull(financeRow(file, 3));
        assertEquals(new BigDecimal("12.000000"), valueK(file, 2));
        assertEquals(new BigDecimal("90000.000000"), valueK(file, 5));
    }

    @Test
    void aRowThatIsNotUtf8IsQuarantinedAndNeverPublished() throws IOException {
        String orgs = "organisations/2020-07-05/organisations.csv";
        assertRows(orgs, 1, 1);
        assertRule(orgs, 2, "INVALID_ENCODING");
        // The cascade, as it should be: RQQ is not a known organisation, so its finance row is UNKNOWN_ORG.
        String finance = "finance/2020-07-05/finance_returns.csv";
        assertRows(finance, 1, 1);
        assertRule(finance, 2, "UNKNOWN_ORG");
        assertEquals(0, SharedSpark.table(rows.lakehouse(), "bronze/organisations")
                .filter("org_name LIKE '%\uFFFD%' OR org_code = 'RQQ'").count());
        // Nothing published carries U+FFFD (EF BF BD in UTF-8).
        byte[] replacement = "\uFFFD".getBytes(StandardCharsets.UTF_8);
        for (String folder : List.of("publication", "notebooks")) {
            if (!Files.isDirectory(rows.lakehouse().resolve(folder))) {
                continue;
            }
            try (Stream<Path> files = Files.walk(rows.lakehouse().resolve(folder))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                            .contains(new String(replacement, StandardCharsets.ISO_8859_1)), f.toString());
                }
            }
        }
    }

    @Test
    void aLatin1ByteInsideANumberIsInvalidEncoding() {
        // Before issue 17 this row was INVALID_TYPE; it is still never loaded, and the rule now says why.
        String file = "finance/2020-07-06/finance_returns.csv";
        assertRows(file, 1, 1);
        assertRule(file, 2, "INVALID_ENCODING");
    }

    @Test
    void oddNumbersAreQuarantinedOrLoadedExactly() {
        String file = "finance/2020-07-07/finance_returns.csv";
        assertRows(file, 4, 6);
        assertRule(file, 2, "INVALID_TYPE");      // 1e400 does not fit decimal(24,6)
        assertRule(file, 3, "INVALID_TYPE");      // NaN
        assertRule(file, 4, "MALFORMED_RECORD");  // 1,234 unquoted: five fields
        assertRule(file, 5, "INVALID_TYPE");      // "1,234": not a number, never read as 1234 or 1.234
        assertRule(file, 6, "INVALID_TYPE");      // Infinity
        assertRule(file, 7, "INVALID_TYPE");      // 0x10 is not a decimal, never 16
        assertEquals(new BigDecimal("0.000000"), valueK(file, 8));      // -0
        assertEquals(new BigDecimal("12.000000"), valueK(file, 9));     // " 12 " trimmed
        assertEquals(new BigDecimal("5.000000"), valueK(file, 10));     // +5
        assertEquals(new BigDecimal("1000.000000"), valueK(file, 11));  // 1E+3
    }

    @Test
    void anUnknownOrganisationIsQuarantined() {
        String file = "finance/2020-07-08/finance_returns.csv";
        assertRows(file, 1, 1);
        assertRule(file, 2, "UNKNOWN_ORG");
    }

    @Test
    void bothRowsOfADuplicateKeyAreHeldBack() {
        String file = "finance/2020-07-09/finance_returns.csv";
        assertRows(file, 1, 2);
        assertRule(file, 2, "DUPLICATE_KEY");
        assertRule(file, 3, "DUPLICATE_KEY");
    }

    @Test
    void aLastLineWithoutItsLineEndLoads() {
        String file = "finance/2020-07-10/finance_returns.csv";
        assertRows(file, 2, 0);
        assertEquals(new BigDecimal("2.000000"), valueK(file, 3));
    }

    @Test
    void aLastLineCutMidRecordIsMalformed() {
        // Cut inside a field, the line has 3 fields of 4. (A cut exactly inside the last number, 12 -> 1,
        // cannot be seen line by line: docs/landing.md says so.)
        String file = "finance/2020-07-11/finance_returns.csv";
        assertRows(file, 1, 1);
        assertRule(file, 3, "MALFORMED_RECORD");
    }

    @Test
    void aStaffFteOutOfRangeIsQuarantined() {
        String file = "workforce/2020-07-12/workforce_staff.csv";
        assertRows(file, 1, 1);
        assertRule(file, 3, "OUT_OF_RANGE");
    }

    @Test
    void anUpperCaseFileNameLoads() {
        String file = "finance/2020-07-13/FINANCE_RETURNS.CSV";
        assertRows(file, 1, 0);
        assertEquals(new BigDecimal("13.000000"), valueK(file, 2));
    }

    @Test
    void aSymlinkedFileLoadsUnderItsLinkName() {
        String file = "finance/2020-07-14/finance_returns.csv";
        assertRows(file, 1, 0);
        assertEquals(new BigDecimal("14.000000"), valueK(file, 2));
    }

    @Test
    void aSymlinkedSnapshotFolderLoads() {
        String file = "finance/2020-07-15/finance_returns.csv";
        assertRows(file, 1, 0);
        assertEquals(new BigDecimal("15.000000"), valueK(file, 2));
    }

    @Test
    void trailingBlankLinesAreQuarantinedAsBlankLines() {
        // Each blank line is a data line of the file, so it is accounted for: quarantined, never dropped.
        String file = "finance/2020-07-16/finance_returns.csv";
        assertRows(file, 1, 2);
        assertRule(file, 3, "MALFORMED_RECORD");
        assertRule(file, 4, "MALFORMED_RECORD");
    }

    @Test
    void tooManyFieldsIsMalformed() {
        String file = "finance/2020-07-17/finance_returns.csv";
        assertRows(file, 1, 1);
        assertRule(file, 2, "MALFORMED_RECORD");
    }

    @Test
    void aGzipCompressedContractFileLoadsAndHiddenFilesAreIgnored() throws IOException {
        // Before issue 17 a .csv.gz was silently ignored (exit 0, "nothing new").
        String file = "finance/2020-07-18/finance_returns.csv.gz";
        assertRows(file, 2, 0);
        assertEquals(new BigDecimal("18.500000"), valueK(file, 3));
        // the checksum is over the file as delivered, compressed
        assertEquals(Sha256.hex(Files.newInputStream(rows.landing().resolve(file))), ingested.get(file).getAs("sha256"));
        assertFalse(ingested.keySet().stream().anyMatch(f -> f.contains(".DS_Store") || f.contains("_SUCCESS")),
                ingested.keySet().toString());
    }

    @Test
    void anOverLongFieldIsAQuarantinedRowAndNoIdentifierIsPrinted() throws IOException {
        // Before issue 17 the parser's exception, printed six times, carried a valid row's person_id and
        // assignment_id, and the run failed with exit 1.
        String file = "workforce/2020-07-19/workforce_staff.csv";
        assertRows(file, 3, 1);
        assertRule(file, 4, "MALFORMED_RECORD");
        Row q = quarantined(file, 4);
        assertEquals("a field is longer than 65,536 characters (raw_line holds its first 65,536 of 70,098 characters)",
                q.getAs("detail"));
        assertEquals(RowParser.RAW_LINE_CHARS, q.<String>getAs("raw_line").length());
        List<String> printed = new ArrayList<>(List.of(rowsRun.out(), rowsRun.err()));
        // a log file the run names after "details:", if it names one
        Matcher details = Pattern.compile("details: (\\S+)").matcher(rowsRun.printed());
        while (details.find()) {
            Path log = Path.of(details.group(1));
            if (Files.isRegularFile(log)) {
                printed.add(Files.readString(log));
            }
        }
        for (String text : printed) {
            for (String id : concat(PERSON_IDS, ASSIGNMENT_IDS, List.of("ASG-77777777", "WWWWWWWW"))) {
                assertFalse(text.contains(id), "an identifier or the field's content was printed");
            }
        }
    }

    @Test
    void aTwentyMegabyteLineIsAQuarantinedRowNotAFailedRun() {
        // Before issue 17: exit 1 and about 450 lines of stack trace.
        String file = "finance/2020-07-20/finance_returns.csv";
        assertRows(file, 2, 1);
        assertRule(file, 3, "MALFORMED_RECORD");
        Row q = quarantined(file, 3);
        assertEquals(String.format("the line is longer than 1,048,576 characters (raw_line holds its first 65,536"
                + " of %,d characters)", "RXC,2012-13,CAP_IT_SW,".length() + TWENTY_MB), q.getAs("detail"));
        assertEquals(RowParser.RAW_LINE_CHARS, q.<String>getAs("raw_line").length());
        assertEquals(new BigDecimal("20.000000"), valueK(file, 4));
        assertFalse(rowsRun.printed().contains("\tat "), "no stack trace");
    }

    // ---- cases that stop the run: exit 3, one line naming the file, no stack trace, no value ------------

    @Test
    void aZeroByteFileIsAnEmptyFile() throws IOException {
        assertRefused("empty-0", "finance/2020-08-01/finance_returns.csv", new byte[0], "empty file (no header row)");
    }

    @Test
    void aFileOfOnlyALineEndIsAnEmptyFile() throws IOException {
        // Before issue 17: exit 1, NullPointerException '"header" is null'.
        assertRefused("empty-lf", "finance/2020-08-01/finance_returns.csv", utf8("\n"), "empty file (no header row)");
    }

    @Test
    void aFileOfOnlyAByteOrderMarkIsAnEmptyFile() throws IOException {
        assertRefused("empty-bom", "finance/2020-08-01/finance_returns.csv", utf8(BOM), "empty file (no header row)");
    }

    @Test
    void aFileOfOnlyCrlfIsAnEmptyFile() throws IOException {
        assertRefused("empty-crlf", "finance/2020-08-01/finance_returns.csv", utf8("\r\n"), "empty file (no header row)");
    }

    @Test
    void aFileOfAByteOrderMarkAndALineEndIsAnEmptyFile() throws IOException {
        assertRefused("empty-bom-lf", "finance/2020-08-01/finance_returns.csv", utf8(BOM + "\n"),
                "empty file (no header row)");
    }

    @Test
    void aBlankFirstLineBeforeTheHeaderIsRefused() throws IOException {
        assertRefused("blank-first", "finance/2020-08-01/finance_returns.csv",
                utf8("\n" + FINANCE + "RXC,2012-13,CAP_IT_HW," + SENTINEL + "\n"),
                "row 1 (header) is blank: the header must be the file's first line");
    }

    @Test
    void aColumnNamedTwiceIsRefused() throws IOException {
        assertRefused("twice", "finance/2020-08-01/finance_returns.csv",
                utf8("org_code,fin_year,sub_code,value_k,Org_Code\nRXC,2012-13,CAP_IT_HW," + SENTINEL + ",RXC\n"),
                "row 1 (header): column org_code appears twice");
    }

    @Test
    void anotherDelimiterIsRefusedNamingTheMissingColumns() throws IOException {
        assertRefused("semicolon", "finance/2020-08-01/finance_returns.csv",
                utf8("org_code;fin_year;sub_code;value_k\nRXC;2012-13;CAP_IT_HW;" + SENTINEL + "\n"),
                "row 1 (header): missing column(s) org_code, fin_year, sub_code, value_k; a finance_returns.csv must"
                        + " have org_code, fin_year, sub_code, value_k (the header is a single column: fields must be"
                        + " separated by commas)");
    }

    @Test
    void aMissingColumnIsRefusedNamingIt() throws IOException {
        assertRefused("missing", "finance/2020-08-01/finance_returns.csv",
                utf8("org_code,fin_year,sub_code\nRXC,2012-13," + SENTINEL + "\n"),
                "row 1 (header): missing column(s) value_k; a finance_returns.csv must have org_code, fin_year,"
                        + " sub_code, value_k");
    }

    @Test
    void aHeaderStartingWithAHashIsReadAsAHeader() throws IOException {
        // Before: Univocity took the line for a comment and the run failed with a NullPointerException (exit 1).
        assertRefused("header-hash", "finance/2020-08-01/finance_returns.csv",
                utf8("#org_code,fin_year,sub_code,value_k\nRXC,2012-13,CAP_IT_HW," + SENTINEL + "\n"),
                "row 1 (header): missing column(s) org_code; a finance_returns.csv must have");
    }

    @Test
    void aHeaderThatIsNotUtf8IsRefused() throws IOException {
        assertRefused("header-latin1", "finance/2020-08-01/finance_returns.csv",
                bytes("org_code,fin_year,sub_code,value_").with(0xA3).with("\nRXC,2012-13,CAP_IT_HW," + SENTINEL + "\n")
                        .get(), "row 1 (header): not valid UTF-8 at character 34; landing files must be UTF-8");
    }

    @Test
    void anOverLongHeaderIsRefused() throws IOException {
        assertRefused("header-long", "finance/2020-08-01/finance_returns.csv",
                utf8(FINANCE.trim() + ",x" + "y".repeat(70_000) + "\nRXC,2012-13,CAP_IT_HW," + SENTINEL + ",1\n"),
                "row 1 (header): not a CSV header (a column name over 65,536 characters, or over 4,096 columns)");
    }

    @Test
    void aSnapshotFolderThatIsNotADateIsRefused() throws IOException {
        assertRefused("not-a-date", "finance/2020-8-1/finance_returns.csv",
                utf8(FINANCE + "RXC,2012-13,CAP_IT_HW," + SENTINEL + "\n"),
                "finance/2020-8-1", "snapshot folders must be named YYYY-MM-DD");
    }

    @Test
    void anUnknownFileNameIsRefused() throws IOException {
        assertRefused("unknown", "finance/2020-08-01/foo.csv", utf8(FINANCE + "RXC,2012-13,CAP_IT_HW," + SENTINEL + "\n"),
                "not a file of the extract contract (expected one of finance_codes.csv, finance_returns.csv, each as"
                        + " .csv or gzip-compressed .csv.gz; names starting with . or _ are ignored)");
    }

    @Test
    void aFileNameWithASpaceIsRefused() throws IOException {
        assertRefused("space", "finance/2020-08-01/finance returns.csv",
                utf8(FINANCE + "RXC,2012-13,CAP_IT_HW," + SENTINEL + "\n"), "not a file of the extract contract");
    }

    @Test
    void aFileNameWithNonAsciiIsRefused() throws IOException {
        assertRefused("non-ascii", "finance/2020-08-01/finance_r\u00e9turns.csv",
                utf8(FINANCE + "RXC,2012-13,CAP_IT_HW," + SENTINEL + "\n"), "not a file of the extract contract");
    }

    @Test
    void otherFileTypesInASnapshotFolderAreRefusedByName() throws IOException {
        // Before issue 17 every one of these was silently ignored, as was a .csv.gz.
        for (String name : List.of("finance_returns.zip", "finance_returns.xlsx", "finance_returns.csv.bz2",
                "finance_returns.txt", "finance_returns.CSV.GZ")) {
            assertRefused("other-" + name, "finance/2020-08-01/" + name, gzip(FINANCE + "RXC,2012-13,CAP_IT_HW,"
                    + SENTINEL + "\n"), "not a file of the extract contract (expected one of finance_codes.csv,");
        }
    }

    @Test
    void aFileDeliveredBothAsCsvAndCsvGzIsRefused() throws IOException {
        FixtureLakehouse.Copy copy = FixtureLakehouse.copy("finance", temp.resolve("twice-gz"));
        String data = FINANCE + "RXC,2012-13,CAP_IT_HW," + SENTINEL + "\n";
        write(copy.landing(), "finance/2020-08-01/finance_returns.csv", utf8(data));
        write(copy.landing(), "finance/2020-08-01/finance_returns.csv.gz", gzip(data));
        assertRefused(copy.run(), "finance/2020-08-01/finance_returns.csv.gz",
                "delivers finance_returns.csv a second time in this snapshot (also finance/2020-08-01/finance_returns.csv);"
                        + " deliver each file once per snapshot");
    }

    @Test
    void aFileOutsideASnapshotFolderIsRefused() throws IOException {
        assertRefused("no-snapshot", "finance/finance_returns.csv", utf8(FINANCE + "RXC,2012-13,CAP_IT_HW," + SENTINEL + "\n"),
                "finance/finance_returns.csv", "not in a snapshot folder (landing files go in finance/YYYY-MM-DD/)");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private void deliver(String relative, String text) throws IOException {
        write(rows.landing(), relative, utf8(text));
    }

    private void deliver(String relative, byte[] content) throws IOException {
        write(rows.landing(), relative, content);
    }

    private static void write(Path landing, String relative, byte[] content) throws IOException {
        Path file = landing.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    private void assertRefused(String name, String relative, byte[] content, String problem) throws IOException {
        assertRefused(name, relative, content, relative, problem);
    }

    /** Delivers one file to a private copy of the fixture and runs: exit 3 naming {@code named} and the problem. */
    private void assertRefused(String name, String relative, byte[] content, String named, String problem)
            throws IOException {
        FixtureLakehouse.Copy copy = FixtureLakehouse.copy("finance", temp.resolve(name.replaceAll("\\W", "-")));
        write(copy.landing(), relative, content);
        assertRefused(copy.run(), named, problem);
    }

    private static void assertRefused(CliResult run, String named, String problem) {
        assertEquals(ExitCodes.CONTRACT_VIOLATION, run.exitCode(), run.summary());
        List<String> lines = run.err().lines().filter(l -> l.startsWith("contract violation: ")).toList();
        assertEquals(1, lines.size(), run.summary());
        assertTrue(lines.get(0).startsWith("contract violation: " + named + ": "), lines.get(0));
        assertTrue(lines.get(0).contains(problem), lines.get(0));
        assertFalse(run.printed().contains("\tat "), "no stack trace: " + run.summary());
        assertFalse(run.printed().contains(SENTINEL), "no data value: " + run.summary());
    }

    private void assertRows(String file, long valid, long quarantined) {
        Row entry = ingested.get(file);
        assertTrue(entry != null, file + " in ops.ingested_files: " + ingested.keySet());
        assertEquals(valid + quarantined, (long) entry.getAs("rows"), file + ": rows");
        assertEquals(valid, (long) entry.getAs("valid_rows"), file + ": valid_rows");
        assertEquals(quarantined, (long) entry.getAs("quarantined_rows"), file + ": quarantined_rows");
        assertEquals(quarantined, quarantineRules.keySet().stream().filter(k -> k.startsWith(file + ":")).count(),
                file + ": rows in restricted.quarantine");
    }

    private void assertRule(String file, long line, String rule) {
        assertEquals(rule, quarantineRules.get(file + ":" + line), file + " line " + line);
    }

    private Row quarantined(String file, long line) {
        return SharedSpark.table(rows.lakehouse(), "restricted/quarantine")
                .filter(org.apache.spark.sql.functions.col("source_file").equalTo(file)
                        .and(org.apache.spark.sql.functions.col("row_number").equalTo(line)))
                .select("detail", "raw_line").head();
    }

    private Row financeRow(String file, long line) {
        List<Row> found = SharedSpark.table(rows.lakehouse(), "bronze/finance_returns")
                .filter(org.apache.spark.sql.functions.col("_source_file").equalTo(file)
                        .and(org.apache.spark.sql.functions.col("_row_number").equalTo(line))).collectAsList();
        return found.isEmpty() ? null : found.get(0);
    }

    private BigDecimal valueK(String file, long line) {
        Row row = financeRow(file, line);
        assertTrue(row != null, file + " line " + line + " in bronze");
        return row.getAs("value_k");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(utf8(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    /** Text with raw bytes in it (a Latin-1 byte is not UTF-8). */
    private static Bytes bytes(String... texts) {
        Bytes b = new Bytes();
        for (String t : texts) {
            b.with(t);
        }
        return b;
    }

    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes with(String text) {
            out.writeBytes(utf8(text));
            return this;
        }

        Bytes with(int b) {
            out.write(b);
            return this;
        }

        byte[] get() {
            return out.toByteArray();
        }
    }
}
