package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.CliResult;
import uk.nhs.digitalmaturity.testing.FixtureLakehouse;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * GP practices (issue 16): reporting.gp_digital_maturity and reporting.gp_dspt_summary on the {@code orgdate}
 * fixture's {@code gp/} files and the practice rows of its DSPT snapshot, every number worked by hand:
 *
 * <pre>
 * practices: ZZ0001 open; ZZ0002 open; ZZ0003 closed 2020-03-31; ZZ0004 open; ZZ0005 opens 2020-06-01.
 * survey 2019-20:  GP01 (YES_NO)    ZZ0001 YES, ZZ0002 NO, ZZ0003 YES, ZZ0004 NO   -> 4 answering, YES 2 = 50%
 *                  GP02 (DIGITISED) ZZ0001 COMPLETELY, ZZ0002 PARTIALLY, ZZ0003 PARTIALLY (ZZ0004 skipped)
 *                                   -> 3 answering, COMPLETELY 1 = 33.3%, PARTIALLY 2, NOT_STARTED 0
 *                  4 practices responding (the closed ZZ0003 keeps its answers)
 * DSPT 2019-20:    ZZ0001 MET 2020-03-15; ZZ0002 INTERIM 2019-10-01 then EXCEEDED 2020-05-15;
 *                  ZZ0003 MET 2020-02-01 (closed 2020-03-31); ZZ0004 PLAN_AGREED 2020-04-20; ZZ0005 none.
 * at 2020-04-30:   open 0001, 0002, 0004 = 3; listed 3; returned 3; completed 0001, 0004 = 2; meeting 0001 = 1
 * at 2019-12-31:   open 0001..0004 = 4; listed 0002 (interim) = 1; completed 0; meeting_pct empty
 * at 2020-06-30:   open 0001, 0002, 0004, 0005 = 4; completed 3 (0002 now exceeded); meeting 2
 * at 2027-01-01:   after the as-at date: no row
 * </pre>
 * The trust DSPT tables must not count the practices: dspt_summary 2019-20 lists one organisation (RHH).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GpPracticesPipelineTest {
    private static final String FIXTURE = "orgdate";
    private static final double EPS = 1e-9;

    @TempDir
    static Path temp;
    private Path defaultRun;
    private List<Row> dsptConfigured;

    @BeforeAll
    void runTheFixture() throws IOException {
        defaultRun = FixtureLakehouse.of(FIXTURE);
        Path config = Files.writeString(temp.resolve("gp-dates.yaml"),
                "gp_dspt_dates: [\"2020-06-30\", \"2019-12-31\", \"2027-01-01\"]\n");
        FixtureLakehouse.Copy copy = FixtureLakehouse.copy(FIXTURE, temp.resolve("gp-dates"));
        CliResult run = copy.run("--config", config.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.printed());
        dsptConfigured = SharedSpark.table(copy.lakehouse(), "reporting/gp_dspt_summary").orderBy("as_at_date")
                .collectAsList();
    }

    private Row answer(String question, String answer) {
        List<Row> rows = SharedSpark.table(defaultRun, "reporting/gp_digital_maturity")
                .where("question_id = '" + question + "' AND answer_code = '" + answer + "'").collectAsList();
        assertEquals(1, rows.size(), question + " " + answer + ": " + rows);
        return rows.get(0);
    }

    @Test
    void everyAnswerOnTheScaleIsListedAsAShareOfThePracticesAnsweringTheQuestion() {
        assertEquals(5, SharedSpark.table(defaultRun, "reporting/gp_digital_maturity").count(),
                "2 answers of GP01 and 3 of GP02");
        Row yes = answer("GP01", "YES");
        assertEquals(2L, (long) yes.getAs("practices"));
        assertEquals(4L, (long) yes.getAs("practices_answering"));
        assertEquals(50.0, yes.<Double>getAs("share_pct"), EPS);
        assertEquals("REMOTE_WORKING", yes.getAs("topic"));
        Row completely = answer("GP02", "COMPLETELY");
        assertEquals(3L, (long) completely.getAs("practices_answering"), "ZZ0004 skipped GP02");
        assertEquals(100.0 / 3, completely.<Double>getAs("share_pct"), EPS);
        assertEquals("Completely digitised", completely.getAs("answer_label"));
        assertEquals(2L, (long) answer("GP02", "PARTIALLY").getAs("practices"));
        Row notStarted = answer("GP02", "NOT_STARTED");
        assertEquals(0L, (long) notStarted.getAs("practices"));
        assertEquals(0.0, notStarted.<Double>getAs("share_pct"), EPS);
        assertEquals(4L, (long) notStarted.getAs("practices_responding"), "the closed ZZ0003 keeps its answers");
    }

    @Test
    void theSurveyIsPublishedNationallyNeverPerPractice() {
        List<String> columns = List.of(SharedSpark.table(defaultRun, "reporting/gp_digital_maturity").columns());
        assertTrue(columns.stream().noneMatch(c -> c.contains("practice_code") || c.contains("org_code")), columns.toString());
    }

    private static void assertDspt(Row r, String date, long open, long listed, long returned, long completed,
                                   long meeting, Double meetingPct) {
        assertEquals(date, r.getAs("as_at_date").toString());
        assertEquals("2019-20", r.getAs("dspt_year"));
        assertEquals(open, (long) r.getAs("practices_open"), date + " open");
        assertEquals(listed, (long) r.getAs("practices_listed"), date + " listed");
        assertEquals(returned, (long) r.getAs("practices_returned"), date + " returned");
        assertEquals(completed, (long) r.getAs("practices_completed"), date + " completed");
        assertEquals(meeting, (long) r.getAs("practices_meeting"), date + " meeting");
        if (meetingPct == null) {
            assertNull(r.getAs("meeting_pct"), date);
        } else {
            assertEquals(meetingPct, r.<Double>getAs("meeting_pct"), EPS, date);
        }
        assertEquals(100.0 * completed / open, r.<Double>getAs("completed_pct"), EPS, date);
    }

    @Test
    void gpDsptAtTheDefaultDateLeavesOutTheClosedPracticeAndTheLaterCompletion() {
        List<Row> rows = SharedSpark.table(defaultRun, "reporting/gp_dspt_summary").collectAsList();
        assertEquals(1, rows.size(), rows.toString());
        assertDspt(rows.get(0), "2020-04-30", 3, 3, 3, 2, 1, 50.0);
    }

    @Test
    void gpDsptAtConfiguredDatesSkipsADateAfterTheAsAtDate() {
        assertEquals(2, dsptConfigured.size(), dsptConfigured.toString());
        assertDspt(dsptConfigured.get(0), "2019-12-31", 4, 1, 1, 0, 0, null);
        assertDspt(dsptConfigured.get(1), "2020-06-30", 4, 3, 3, 3, 2, 200.0 / 3);
    }

    @Test
    void theTrustDsptTablesLeaveThePracticesOut() {
        List<Row> year = SharedSpark.table(defaultRun, "reporting/dspt_summary").where("dspt_year = '2019-20'")
                .collectAsList();
        assertEquals(8, year.size(), "every status listed");
        year.forEach(r -> assertEquals(1L, (long) r.getAs("trusts_listed"), "RHH only: " + r));
        assertEquals(0, SharedSpark.table(defaultRun, "reporting/dspt_trust_years").where("org_code LIKE 'ZZ%'").count());
    }
}
