package uk.nhs.digitalmaturity.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.config.SqlResources;
import uk.nhs.digitalmaturity.model.ModelSpec;

/**
 * SQL cannot read {@link DsptStatus}, so the DSPT tables' SQL and .yml spell the statuses and their meaning out
 * again. They are not edited to match Java (their digest is part of every run id): this test holds them to the
 * enum instead, so that neither can change without the other.
 */
class DsptStatusSqlTest {
    static final String SUMMARY_SQL = "reporting/dspt_summary.sql";
    static final String SUMMARY_YML = "reporting/dspt_summary.yml";
    static final String TRUST_YEARS_SQL = "reporting/dspt_trust_years.sql";
    static final String TRUST_YEARS_YML = "reporting/dspt_trust_years.yml";
    static final String FOLLOW_UP_SQL = "reporting/dspt_follow_up.sql";
    static final String FOLLOW_UP_YML = "reporting/dspt_follow_up.yml";
    static final String GP_SQL = "reporting/gp_dspt_summary.sql";
    static final String GP_YML = "reporting/gp_dspt_summary.yml";
    /** Every file of sql/ that names a status, each checked below. */
    static final Set<String> CHECKED = Set.of(SUMMARY_SQL, SUMMARY_YML, TRUST_YEARS_SQL, TRUST_YEARS_YML,
            FOLLOW_UP_SQL, FOLLOW_UP_YML, GP_SQL, GP_YML);

    /** A word that looks like a status: capitals joined by underscores. */
    private static final Pattern STATUS_LIKE = Pattern.compile("\\b[A-Z]+(?:_[A-Z]+)+\\b");
    private static final Pattern LITERAL = Pattern.compile("'([^']*)'");

    static final Set<String> PASSED = codes(DsptStatus::passed);
    static final Set<String> NOT_RETURNED = codes(s -> !s.returned());
    /** Statuses that are not a "did not meet the standard" year: passed, or nothing returned. */
    static final Set<String> NOT_NOT_MET = codes(s -> s.passed() || !s.returned());
    static final Set<String> NOT_COMPLETED = codes(s -> !s.completed());

    @Test
    void theSummaryListsEveryStatusInPublicationOrder() {
        String values = find(SqlResources.read(SUMMARY_SQL), "FROM VALUES(.*?)AS s\\(status, status_order\\)");
        Matcher pair = Pattern.compile("\\('([A-Z_]+)', (\\d+)\\)").matcher(values);
        List<String> listed = new ArrayList<>();
        while (pair.find()) {
            listed.add(pair.group(1));
            assertEquals(DsptStatus.valueOf(pair.group(1)).ordinal() + 1, Integer.parseInt(pair.group(2)),
                    "status_order of " + pair.group(1));
        }
        assertEquals(DsptStatus.codes(), listed);
    }

    @Test
    void theSummaryCountsReturnedAndPassedAsTheEnumDoes() {
        String sql = SqlResources.read(SUMMARY_SQL);
        assertEquals(NOT_RETURNED, literals(find(sql, "count_if\\(status <> ('[A-Z_]+')\\)\\s+AS trusts_returned")));
        assertEquals(PASSED, literals(find(sql, "count_if\\(status IN \\(([^)]*)\\)\\)\\s+AS trusts_passed")));
    }

    @Test
    void aYearNotMetIsReturnedAndNotPassed() {
        String sql = SqlResources.read(TRUST_YEARS_SQL);
        assertEquals(NOT_NOT_MET, literals(find(sql, "status NOT IN \\(([^)]*)\\)\\s+AS not_met")));
        assertEquals(NOT_RETURNED, literals(find(sql, "CASE WHEN s\\.status = ('[A-Z_]+') THEN")));
    }

    @Test
    void theFollowUpPassesAsTheEnumDoes() {
        String sql = SqlResources.read(FOLLOW_UP_SQL);
        assertEquals(PASSED, literals(find(sql, "status IN \\(([^)]*)\\) AS passed")));
        for (String column : List.of("trusts_not_met_first", "trusts_still_not_met_second", "trusts_met_by_second")) {
            assertNames(PASSED, FOLLOW_UP_YML, column);
        }
        assertEquals(PASSED, new TreeSet<>(statusWords(spec(FOLLOW_UP_YML).description)), FOLLOW_UP_YML);
    }

    @Test
    void thePracticesCompleteAndMeetAsTheEnumDoes() {
        String sql = SqlResources.read(GP_SQL);
        assertEquals(NOT_RETURNED, literals(find(sql, "count_if\\(status <> ('[A-Z_]+')\\)\\s+AS practices_returned")));
        assertEquals(NOT_COMPLETED, literals(find(sql,
                "count_if\\(status NOT IN \\(([^)]*)\\)\\)\\s+AS practices_completed")));
        assertEquals(PASSED, literals(find(sql, "count_if\\(status IN \\(([^)]*)\\)\\)\\s+AS practices_meeting")));
        assertNames(NOT_RETURNED, GP_YML, "practices_returned");
        assertNames(NOT_COMPLETED, GP_YML, "practices_completed");
        assertNames(PASSED, GP_YML, "practices_meeting");
    }

    @Test
    void theSummaryAcceptsExactlyTheStatuses() {
        assertEquals(DsptStatus.codes(), column(SUMMARY_YML, "status").acceptedValues);
    }

    @Test
    void theDescriptionsSayWhatTheEnumSays() {
        ModelSpec.ColumnSpec status = column(SUMMARY_YML, "status");
        assertEquals(DsptStatus.codes(), statusWords(status.description));
        assertTrue(status.description.contains("PLAN_AGREED (published as '" + DsptStatus.PLAN_AGREED.label() + "')"),
                status.description);
        assertNames(NOT_RETURNED, SUMMARY_YML, "trusts_listed");
        assertNames(NOT_RETURNED, SUMMARY_YML, "trusts_returned");
        assertNames(PASSED, SUMMARY_YML, "trusts_passed");
        assertNames(NOT_RETURNED, TRUST_YEARS_YML, "years_not_published");
        assertEquals(NOT_NOT_MET, new TreeSet<>(statusWords(spec(TRUST_YEARS_YML).description)), TRUST_YEARS_YML);
    }

    @Test
    void everyStatusLikeWordInTheDsptFilesIsAStatus() {
        for (String file : CHECKED) {
            for (String word : statusWords(SqlResources.read(file))) {
                assertTrue(DsptStatus.codes().contains(word), file + " names '" + word + "', not a DsptStatus");
            }
        }
    }

    @Test
    void noOtherSqlFileNamesAStatus() {
        Pattern anyStatus = Pattern.compile("\\b(" + String.join("|", DsptStatus.codes()) + ")\\b");
        Set<String> naming = new TreeSet<>();
        for (String folder : List.of("ingest", "silver", "reporting", "restricted")) {
            for (String name : SqlResources.list(folder)) {
                if (anyStatus.matcher(SqlResources.read(folder + "/" + name)).find()) {
                    naming.add(folder + "/" + name);
                }
            }
        }
        assertEquals(new TreeSet<>(CHECKED), naming, "files of sql/ naming a DSPT status: check each here");
    }

    private static void assertNames(Set<String> statuses, String file, String column) {
        assertEquals(statuses, new TreeSet<>(statusWords(column(file, column).description)), file + " " + column);
    }

    private static Set<String> codes(Predicate<DsptStatus> which) {
        return Arrays.stream(DsptStatus.values()).filter(which).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The first group of the pattern's one match in the text; fails when the SQL no longer reads so. */
    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        assertTrue(m.find(), "no match for " + regex);
        return m.group(1);
    }

    private static Set<String> literals(String sql) {
        Set<String> found = new TreeSet<>();
        LITERAL.matcher(sql).results().forEach(r -> found.add(r.group(1)));
        return found;
    }

    private static List<String> statusWords(String text) {
        return new ArrayList<>(STATUS_LIKE.matcher(text).results().map(r -> r.group())
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    private static ModelSpec spec(String file) {
        return ModelSpec.parse(SqlResources.read(file), "sql/" + file);
    }

    private static ModelSpec.ColumnSpec column(String file, String name) {
        return spec(file).columns.stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow();
    }
}
