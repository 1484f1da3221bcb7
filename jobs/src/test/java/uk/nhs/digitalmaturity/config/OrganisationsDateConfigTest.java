package uk.nhs.digitalmaturity.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The organisations date is a parameter like any other (issue 12, correction 4): the reporting date unless fixed,
 * never after it, and always written out in the parameters that fingerprints, ops.runs and the manifest carry.
 */
class OrganisationsDateConfigTest {
    private static final LocalDate AS_AT = LocalDate.of(2026, 11, 24);
    private static final PipelineConfig DEFAULTS = PipelineConfig.load(null);

    @Test
    void byDefaultItIsTheReportingDateAndIsStillRecorded() {
        assertEquals(AS_AT, DEFAULTS.organisationsAt(AS_AT));
        assertEquals(AS_AT, DEFAULTS.sqlParameters(AS_AT).get("organisations_as_at"));
        assertEquals("2026-11-24", DEFAULTS.describe(AS_AT).get("organisations_as_at"));
    }

    @Test
    void aFixedDateIsUsedAndChangesTheParameters() {
        PipelineConfig fixed = DEFAULTS.withOrganisationsAsAt(LocalDate.of(2019, 3, 31));
        assertEquals(LocalDate.of(2019, 3, 31), fixed.organisationsAt(AS_AT));
        assertEquals("2019-03-31", fixed.describe(AS_AT).get("organisations_as_at"));
        assertEquals("2026-11-24", fixed.describe(AS_AT).get("as_at"), "snapshots are still read up to the as-at date");
        assertNotEquals(DEFAULTS.describe(AS_AT), fixed.describe(AS_AT));
        // Fixing the as-at date itself is the default run: the same parameters, so the same run id.
        assertEquals(DEFAULTS.describe(AS_AT), DEFAULTS.withOrganisationsAsAt(AS_AT).describe(AS_AT));
        // Null keeps what the configuration had; the copy leaves the original alone.
        assertEquals(LocalDate.of(2019, 3, 31), fixed.withOrganisationsAsAt(null).organisationsAt(AS_AT));
        assertEquals(AS_AT, DEFAULTS.organisationsAt(AS_AT));
    }

    @Test
    void aDateAfterTheReportingDateIsRefused() {
        PipelineConfig later = DEFAULTS.withOrganisationsAsAt(LocalDate.of(2026, 11, 25));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> later.organisationsAt(AS_AT));
        assertTrue(e.getMessage().contains("is after the reporting date 2026-11-24"), e.getMessage());
    }

    @Test
    void theConfigurationFileCanFixItAndMustGiveADate(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("figure7.yaml"), "organisations_as_at: \"2019-03-31\"\n");
        assertEquals(LocalDate.of(2019, 3, 31), PipelineConfig.load(file).organisationsAt(AS_AT));
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "organisations_as_at: \"31/03/2019\"\n");
        assertThrows(IllegalArgumentException.class, () -> PipelineConfig.load(bad));
    }
}
