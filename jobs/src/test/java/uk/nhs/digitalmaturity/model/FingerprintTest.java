package uk.nhs.digitalmaturity.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.ingest.IngestLedger.Entry;

/**
 * A fingerprint must change when anything a result depends on changes (code, a parameter, a visible file of
 * a source it reads) and must not change otherwise, or a nightly run would either miss new data or rebuild
 * what did not change. Fingerprint promises order independence for the files and the source set only: it
 * hashes parameters in the map's own order, and its callers pass PipelineConfig.describe, a sorted map.
 */
class FingerprintTest {
    private static final String WHAT = "reporting.it_capex_by_year";
    private static final String CODE = "0.1.0@abc1234";
    private static final Set<Source> READS = EnumSet.of(Source.FINANCE_RETURNS, Source.DEFLATORS);

    private static final Entry FINANCE = entry("finance_returns", "finance/2019-06-30/finance_returns.csv", "a1");
    private static final Entry FINANCE_RESUBMITTED = entry("finance_returns", "finance/2019-09-30/finance_returns.csv", "b2");
    private static final Entry DEFLATORS = entry("deflators", "deflators/2019-03-13/gdp_deflators.csv", "c3");
    private static final Entry STAFF = entry("workforce_staff", "workforce/2019-01-31/workforce_staff.csv", "d4");
    private static final List<Entry> INPUTS = List.of(FINANCE, FINANCE_RESUBMITTED, DEFLATORS, STAFF);

    private static final String BASE = Fingerprint.of(WHAT, CODE, parameters("2018-19"), INPUTS, READS);

    @Test
    void theSameInputsGiveTheSameSha256() {
        assertEquals(BASE, Fingerprint.of(WHAT, CODE, parameters("2018-19"), INPUTS, READS));
        assertTrue(BASE.matches("[0-9a-f]{64}"), BASE); // run ids take its first 12 characters
    }

    @Test
    void changesWhenTheCodeOrTheResultChanges() {
        assertNotEquals(BASE, Fingerprint.of(WHAT, "0.1.0@def5678", parameters("2018-19"), INPUTS, READS));
        assertNotEquals(BASE, Fingerprint.of("reporting.it_capex_per_fte", CODE, parameters("2018-19"), INPUTS, READS));
    }

    @Test
    void changesWhenAParameterChanges() {
        assertNotEquals(BASE, Fingerprint.of(WHAT, CODE, parameters("2017-18"), INPUTS, READS));
        Map<String, String> more = parameters("2018-19");
        more.put("window_start", "2013-14");
        assertNotEquals(BASE, Fingerprint.of(WHAT, CODE, more, INPUTS, READS));
    }

    @Test
    void changesWhenAVisibleFileOfASourceItReadsChanges() {
        // A file's checksum: a different delivery at the same path.
        List<Entry> changed = new ArrayList<>(INPUTS);
        changed.set(2, entry("deflators", DEFLATORS.sourceFile(), "c4"));
        assertNotEquals(BASE, Fingerprint.of(WHAT, CODE, parameters("2018-19"), changed, READS));
        // A new snapshot of a source it reads.
        List<Entry> more = new ArrayList<>(INPUTS);
        more.add(entry("finance_returns", "finance/2019-12-31/finance_returns.csv", "e5"));
        assertNotEquals(BASE, Fingerprint.of(WHAT, CODE, parameters("2018-19"), more, READS));
        // A file that was visible and is not any more (an earlier as-at date).
        assertNotEquals(BASE, Fingerprint.of(WHAT, CODE, parameters("2018-19"),
                List.of(FINANCE, DEFLATORS, STAFF), READS));
    }

    @Test
    void changesWhenTheSourceSetTakesInAVisibleFile() {
        // Reading workforce_staff too brings STAFF's file into the digest.
        Set<Source> wider = EnumSet.of(Source.FINANCE_RETURNS, Source.DEFLATORS, Source.WORKFORCE_STAFF);
        assertNotEquals(BASE, Fingerprint.of(WHAT, CODE, parameters("2018-19"), INPUTS, wider));
        // Reading finance alone leaves the deflators file out.
        assertNotEquals(BASE, Fingerprint.of(WHAT, CODE, parameters("2018-19"), INPUTS, EnumSet.of(Source.FINANCE_RETURNS)));
    }

    @Test
    void doesNotChangeWithFilesOfSourcesItDoesNotRead() {
        // A new workforce month must not rebuild a finance table (README: "rebuild only the tables that
        // month feeds").
        List<Entry> more = new ArrayList<>(INPUTS);
        more.add(entry("workforce_staff", "workforce/2019-02-28/workforce_staff.csv", "f6"));
        assertEquals(BASE, Fingerprint.of(WHAT, CODE, parameters("2018-19"), more, READS));
    }

    @Test
    void doesNotChangeWithTheOrderOfFilesOrSources() {
        List<Entry> reversed = new ArrayList<>(INPUTS);
        Collections.reverse(reversed);
        assertEquals(BASE, Fingerprint.of(WHAT, CODE, parameters("2018-19"), reversed, READS));
        // A set that iterates deflators first.
        Set<Source> otherOrder = new LinkedHashSet<>(List.of(Source.DEFLATORS, Source.FINANCE_RETURNS));
        assertEquals(BASE, Fingerprint.of(WHAT, CODE, parameters("2018-19"), INPUTS, otherOrder));
    }

    @Test
    void doesNotChangeWithALedgerEntrysBookkeeping() {
        // The same file (path and checksum) is seen before ingest with rows 0 and no run id, and afterwards
        // from the ledger with its counts, run id and modification time; the run id must be the same in both.
        Entry ingested = new Entry(FINANCE.source(), FINANCE.sourceFile(), FINANCE.snapshot(), FINANCE.sha256(),
                999, 10, 8, 2, "r20190331-0123456789ab", 1_600_000_000_000L);
        List<Entry> afterIngest = new ArrayList<>(INPUTS);
        afterIngest.set(0, ingested);
        assertEquals(BASE, Fingerprint.of(WHAT, CODE, parameters("2018-19"), afterIngest, READS));
    }

    private static Map<String, String> parameters(String priceBaseYear) {
        Map<String, String> p = new TreeMap<>(); // sorted, as PipelineConfig.describe gives them
        p.put("as_at", "2019-03-31");
        p.put("price_base_year", priceBaseYear);
        return p;
    }

    private static Entry entry(String source, String file, String sha) {
        return new Entry(source, file, LocalDate.parse(file.split("/")[1]), sha.repeat(32), 100, 0, 0, 0, "", 0);
    }
}
