package uk.nhs.digitalmaturity.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The names a SQL text mentions, from which models are ordered and their landing sources traced. The
 * expected sets are every identifier-like word of the text read by eye; the catalog keeps the relations.
 */
class SqlNamesTest {
    @Test
    void everyWordIsANameAndReportingOrRestrictedNamesStayQualified() {
        String sql = """
                SELECT t.org_code, s.fte
                FROM current_trusts AS t
                JOIN restricted.workforce_staff_fte s ON s.org_code = t.org_code
                """;
        // t.org_code is two words (t is an alias, not a database); restricted.workforce_staff_fte is one name,
        // so neither "restricted" nor a bare "workforce_staff_fte" appears.
        assertEquals(Set.of("select", "t", "org_code", "s", "fte", "from", "current_trusts", "as", "join",
                "restricted.workforce_staff_fte", "on"), SqlNames.referenced(sql));
    }

    @Test
    void commentsAreIgnored() {
        // A name in a comment is prose, not a dependency: reading it would order models on a false edge (or
        // invent a cycle) and rebuild a table when an unrelated source changes. Last line has no newline.
        String sql = """
                -- built from reporting.old_table and legacy_view
                SELECT a FROM current_trusts -- not reporting.other_table
                -- trailing_word""";
        assertEquals(Set.of("select", "a", "from", "current_trusts"), SqlNames.referenced(sql));
    }

    @Test
    void namesAreLowerCased() {
        // Spark SQL names are case-insensitive; the catalog's keys are lower case.
        assertEquals(Set.of("select", "from", "reporting.dspt_summary", "current_dspt_status"),
                SqlNames.referenced("SELECT * FROM Reporting.DSPT_Summary, CURRENT_DSPT_STATUS"));
    }

    @Test
    void numbersAndTheirSuffixesAreNotNames() {
        // 100.0D is a double literal and 2 a number: neither "d" nor "0d" is a relation.
        assertEquals(Set.of("select", "x", "from", "t"), SqlNames.referenced("SELECT 100.0D * x, 2 FROM t"));
    }
}
