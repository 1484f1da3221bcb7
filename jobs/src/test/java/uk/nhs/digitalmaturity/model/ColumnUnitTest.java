package uk.nhs.digitalmaturity.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.config.SqlResources;

/** A column's unit is read when its .yml is loaded: a unit the pack cannot round is refused there, by name. */
class ColumnUnitTest {
    private static String yml(String unitLine) {
        return """
                name: example
                description: test
                columns:
                  - {name: dspt_year, description: y, unit: year}
                  - name: share_pct
                    description: s
                %s
                """.formatted(unitLine);
    }

    @Test
    void eachUnitIsReadAsTheYmlSpellsIt() {
        ModelSpec spec = ModelSpec.parse(yml("    unit: pct"), "sql/reporting/x.yml");
        assertEquals(List.of(ColumnUnit.YEAR, ColumnUnit.PCT), spec.columns.stream().map(c -> c.unit()).toList());
        for (ColumnUnit unit : ColumnUnit.values()) {
            assertEquals(Optional.of(unit), ColumnUnit.of(unit.spelling()));
        }
    }

    @Test
    void theSpellingsAreTheDataDictionarys() {
        // printed in data-dictionary.csv and the notebooks: a changed spelling would change the pack
        assertEquals(List.of("code", "text", "year", "date", "flag", "order", "count", "staff_count", "pct", "gbp",
                "fte", "score", "ratio", "probability"), ColumnUnit.spellings());
    }

    @Test
    void anUnknownUnitIsRefusedNamingFileColumnAndUnit() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelSpec.parse(yml("    unit: percent"), "sql/reporting/x.yml"));
        assertEquals("sql/reporting/x.yml: column share_pct has unit 'percent', expected one of code, text, year, "
                + "date, flag, order, count, staff_count, pct, gbp, fte, score, ratio, probability", e.getMessage());
    }

    @Test
    void aUnitInTheWrongCaseIsUnknown() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelSpec.parse(yml("    unit: PCT"), "sql/reporting/x.yml"));
        assertTrue(e.getMessage().startsWith("sql/reporting/x.yml: column share_pct has unit 'PCT',"), e.getMessage());
    }

    @Test
    void aMissingUnitIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelSpec.parse(yml(""), "sql/reporting/x.yml"));
        assertTrue(e.getMessage().startsWith("sql/reporting/x.yml: column share_pct has no unit,"), e.getMessage());
    }

    @Test
    void everyYmlOfSqlHasKnownUnits() {
        int columns = 0;
        for (String folder : List.of("ingest", "silver", "reporting", "restricted")) {
            for (String name : SqlResources.list(folder)) {
                if (name.endsWith(".yml")) {
                    columns += ModelSpec.parse(SqlResources.read(folder + "/" + name), name).columns.size();
                }
            }
        }
        assertTrue(columns > 0, "no .yml found under sql/");
    }
}
