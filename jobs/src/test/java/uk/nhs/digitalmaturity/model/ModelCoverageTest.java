package uk.nhs.digitalmaturity.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.config.SqlResources;

/**
 * Every reporting table says what its numbers cover before any number is read (issue 12): its population, what
 * its national row adds up, and the report's caveats. The coverage goes into the Delta table comment, the data
 * dictionary and the notebooks, all through {@link ModelSpec#fullDescription()}.
 */
class ModelCoverageTest {
    @Test
    void theCoverageParagraphFollowsTheDescriptionAsSentences() {
        ModelSpec spec = ModelSpec.parse("""
                name: t
                description: >
                  Trusts by year.
                coverage:
                  population: NHS trusts open at the
                    reporting date
                  national: >
                    Sum over trusts with both measures.
                  caveats:
                    - Capital only
                    - Self-assessed.
                columns: []
                """, "t.yml");
        // Folded whitespace; a full stop added where a part lacks one, never doubled.
        assertEquals("Trusts by year. Population: NHS trusts open at the reporting date. National row: Sum over "
                + "trusts with both measures. Caveats: Capital only. Self-assessed.", spec.fullDescription());
    }

    @Test
    void aTableWithoutCoverageKeepsItsDescriptionAlone() {
        ModelSpec spec = ModelSpec.parse("name: t\ndescription: Just this.\ncolumns: []\n", "t.yml");
        assertEquals("Just this.", spec.fullDescription());
    }

    @Test
    void everyReportingTableStatesItsPopulationNationalRowAndCaveats() {
        List<String> missing = new ArrayList<>();
        List<String> ymls = SqlResources.list("reporting").stream().filter(f -> f.endsWith(".yml")).toList();
        assertTrue(ymls.size() >= 19, "reporting tables found: " + ymls);
        for (String yml : ymls) {
            ModelSpec spec = ModelSpec.parse(SqlResources.read("reporting/" + yml), "sql/reporting/" + yml);
            ModelSpec.Coverage c = spec.coverage;
            if (c == null || blank(c.population) || blank(c.national) || c.caveats.isEmpty()
                    || c.caveats.stream().anyMatch(ModelCoverageTest::blank)) {
                missing.add(yml);
            }
        }
        assertEquals(List.of(), missing, "tables whose .yml lacks coverage.population, coverage.national or a caveat");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
