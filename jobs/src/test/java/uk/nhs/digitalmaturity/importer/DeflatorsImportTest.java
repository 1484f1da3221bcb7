package uk.nhs.digitalmaturity.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.readLanding;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.realData;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;

/** deflators-xlsx on HM Treasury's GDP deflators, Budget March 2020 (2018-19 = 100). */
class DeflatorsImportTest {
    @TempDir
    static Path landing;
    static CliResult run;
    static Map<String, String> index = new LinkedHashMap<>();

    @BeforeAll
    static void importRealPublication() throws IOException {
        run = Cli.run("import", "deflators-xlsx", realData(ImportTestSupport.DEFLATORS).toString(), "--landing",
                landing.toString(), "--snapshot", "2020-03-11");
        assertEquals(ExitCodes.OK, run.exitCode(), run.summary());
        for (Map<String, String> r : readLanding(landing.resolve("deflators/2020-03-11/gdp_deflators.csv"),
                List.of("fin_year", "index"))) {
            index.put(r.get("fin_year"), r.get("index"));
        }
    }

    @Test
    void publishedValues() {
        // as published (shown to 2 dp in the workbook): 2013-14 91.93, 2017-18 97.91, 2018-19 100
        assertEquals(new BigDecimal("91.93"), new BigDecimal(index.get("2013-14")).setScale(2, RoundingMode.HALF_UP));
        assertEquals(new BigDecimal("97.91"), new BigDecimal(index.get("2017-18")).setScale(2, RoundingMode.HALF_UP));
        assertEquals(0, new BigDecimal(index.get("2018-19")).compareTo(new BigDecimal("100")));
        // the published precision is kept: the stored value at Excel's 15 significant digits, not rounded to 2 dp
        assertEquals("91.932775", index.get("2013-14"));
        assertEquals("100", index.get("2018-19"));
    }

    @Test
    void outturnYearsOnlyNoForecastRowsWithoutAnIndex() {
        // 1955-56 .. 2018-19 have an index; 2019-20 .. 2024-25 are forecasts shown as '-'
        assertEquals(64, index.size());
        assertEquals("1955-56", index.keySet().iterator().next());
        assertEquals(List.copyOf(index.keySet()).get(63), "2018-19");
        assertFalse(index.containsKey("2019-20"));
        assertTrue(index.keySet().stream().allMatch(FinancialYears::isContractForm), index.keySet().toString());
        assertTrue(index.values().stream().allMatch(v -> new BigDecimal(v).signum() > 0));
        assertTrue(index.containsKey("1999-00"), "century boundary normalised to YYYY-YY");
        assertTrue(run.out().contains("dropped 6 (forecast year without an index ('-' or blank): 6)"), run.out());
        assertTrue(run.out().contains("base 2018-19 = 100"), run.out());
    }

    @Test
    void financialYearForms() {
        assertEquals("2018-19", FinancialYears.normalise("2018-19").orElseThrow());
        assertEquals("2019-20", FinancialYears.normalise("2019-20 (1), (2)").orElseThrow());
        assertEquals("1999-00", FinancialYears.normalise("1999/2000").orElseThrow());
        assertEquals("2018-19", FinancialYears.normalise("2018 to 2019").orElseThrow());
        assertTrue(FinancialYears.normalise("2018-20").isEmpty());
        assertTrue(FinancialYears.normalise("2018-19 = 100").isEmpty());
        assertTrue(FinancialYears.normalise("Financial year").isEmpty());
    }
}
