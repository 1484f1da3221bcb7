package uk.nhs.digitalmaturity.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.model.stats.JavaModels;

/**
 * The results whose fingerprint keeps the as-at date itself, so that a nightly run as at today rebuilds them
 * and nothing else when nothing new has landed. Worked out by reading sql/: ceplus_trust_results names
 * {@code :as_at} (assessments on or before it, organisations open on it); cyber_summary and
 * cyber_score_distribution read report_dates, whose REPORTING_DATE row they publish as {@code as_at};
 * dspt_follow_up and organisation_counts read open_organisations_at_dates, which reads report_dates. No other
 * table reads any of these (current_trusts names the date only in a comment: it compares with
 * {@code :organisations_as_at}).
 */
class ReportingDateReadersTest {
    private final ModelCatalog catalog = new ModelCatalog(JavaModels.all());

    @Test
    void onlyTheTablesThatReadTheDateItselfKeepItInTheirFingerprint() {
        Set<String> showing = new TreeSet<>();
        catalog.models().stream().map(Model::qualifiedName).filter(catalog::showsTheReportingDate)
                .forEach(showing::add);
        assertEquals(Set.of("restricted.ceplus_trust_results", "reporting.cyber_summary",
                "reporting.cyber_score_distribution", "reporting.dspt_follow_up", "reporting.organisation_counts"),
                showing);
    }

    @Test
    void theStoredSilverViewsDoNotKeepIt() {
        // finance_folded (3.5 million lines nationally) and dma_answers are recomputed only when their inputs
        // or the code change, whatever the date.
        assertEquals(false, catalog.showsTheReportingDate("finance_folded"));
        assertEquals(false, catalog.showsTheReportingDate("dma_answers"));
        assertEquals(true, catalog.showsTheReportingDate("open_organisations_at_dates"));
    }
}
