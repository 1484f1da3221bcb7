package uk.nhs.digitalmaturity.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.ingest.IngestLedger;

/**
 * When a table sliced by period may be rebuilt a month at a time: only when landing files were added, none
 * removed or changed, and every added file is of a source that has a period column. The pipeline-level proof
 * that the slices give the full recompute's rows is {@code MonthSliceRebuildTest}.
 */
class SliceRebuildTest {
    private static final Set<Source> READS = Set.of(Source.WORKFORCE_STAFF, Source.WORKFORCE_ORG,
            Source.INFORMATICS_OCCUPATIONS, Source.ORGANISATIONS);
    private static final IngestLedger.Entry ORGS = file(Source.ORGANISATIONS, "organisations/2019-06-03/organisations.csv", "o1");
    private static final IngestLedger.Entry MARCH = file(Source.WORKFORCE_STAFF, "workforce/2019-04-01/workforce_staff.csv", "s1");
    private static final IngestLedger.Entry APRIL = file(Source.WORKFORCE_STAFF, "workforce/2019-05-01/workforce_staff.csv", "s2");
    private static final IngestLedger.Entry PUBLISHED = file(Source.WORKFORCE_ORG, "workforce/2019-05-01/workforce_org.csv", "p1");
    private static final IngestLedger.Entry DEFLATORS = file(Source.DEFLATORS, "deflators/2019-07-01/gdp_deflators.csv", "d1");

    private static IngestLedger.Entry file(Source source, String path, String sha) {
        return new IngestLedger.Entry(source.table(), path, LocalDate.parse("2019-06-03"), sha, 1, 1, 1, 0, "r", 0);
    }

    private static Optional<Map<Source, List<String>>> added(List<IngestLedger.Entry> before, List<IngestLedger.Entry> now) {
        return SliceRebuild.addedFiles(before, now, READS, "period");
    }

    @Test
    void aNewStaffMonthAndAPublishedFileAreSlicesOfTheirOwnSources() {
        assertEquals(Optional.of(Map.of(Source.WORKFORCE_STAFF, List.of(APRIL.sourceFile()),
                        Source.WORKFORCE_ORG, List.of(PUBLISHED.sourceFile()))),
                added(List.of(ORGS, MARCH), List.of(ORGS, MARCH, APRIL, PUBLISHED)));
    }

    @Test
    void aFileOfASourceTheTableDoesNotReadIsNotAChange() {
        assertEquals(Optional.of(Map.of(Source.WORKFORCE_STAFF, List.of(APRIL.sourceFile()))),
                added(List.of(ORGS, MARCH), List.of(ORGS, MARCH, APRIL, DEFLATORS)));
    }

    @Test
    void aNewOrganisationsFileOrAChangedOrRemovedFileRebuildsTheWholeTable() {
        IngestLedger.Entry newOrgs = file(Source.ORGANISATIONS, "organisations/2020-04-01/organisations.csv", "o2");
        assertEquals(Optional.empty(), added(List.of(ORGS, MARCH), List.of(ORGS, newOrgs, MARCH, APRIL)));
        IngestLedger.Entry marchChanged = file(Source.WORKFORCE_STAFF, MARCH.sourceFile(), "s1-other");
        assertEquals(Optional.empty(), added(List.of(ORGS, MARCH), List.of(ORGS, marchChanged, APRIL)));
        assertEquals(Optional.empty(), added(List.of(ORGS, MARCH), List.of(ORGS, APRIL)));
        assertEquals(Optional.empty(), added(List.of(ORGS, MARCH), List.of(ORGS, MARCH)));
    }
}
