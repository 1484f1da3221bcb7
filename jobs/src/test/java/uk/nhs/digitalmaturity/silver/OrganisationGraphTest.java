package uk.nhs.digitalmaturity.silver;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.failure.ContractViolation;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.silver.OrganisationGraph.Link;
import uk.nhs.digitalmaturity.silver.OrganisationGraph.Mapping;

/**
 * Organisations folded into their successors at an as-at date (contract, "organisations/"; README,
 * "Definitions: finance and workforce"), on a few codes, with the expected maps worked out by hand.
 * Whether a trust has opened or closed by the date is sql/silver/current_trusts.sql, not this class: here
 * "not succeeded by the date" is "maps to itself".
 */
class OrganisationGraphTest {
    private static final String FILE = "organisations/2019-07-01/successors.csv";

    /** The sample data's real chain: RM4 merged into RW3, which merged into R0A six months later. */
    private static final List<Link> CHAIN = List.of(
            link("RM4", "RW3", "2017-04-01", 2),
            link("RW3", "R0A", "2017-10-01", 3));
    private static final Set<String> CHAIN_ORGS = Set.of("RM4", "RW3", "R0A", "RXX");

    @Test
    void aChainIsFollowedToItsEnd() {
        // As at 2019-03-31 both links have taken effect:
        //   RM4 -> RW3 -> R0A   2 hops      RW3 -> R0A   1 hop
        //   R0A and RXX were never succeeded: themselves, 0 hops (the only current ones of the four).
        // In code order ('0' sorts before letters): R0A, RM4, RW3, RXX.
        assertEquals(List.of(
                        new Mapping("R0A", "R0A", 0),
                        new Mapping("RM4", "R0A", 2),
                        new Mapping("RW3", "R0A", 1),
                        new Mapping("RXX", "RXX", 0)),
                new OrganisationGraph(CHAIN_ORGS, CHAIN).mapAt(date("2019-03-31")));
    }

    /**
     * The date a nightly run fingerprints instead of today's: the last opening, closure or succession on or
     * before the organisations date. The chain's successions (2017-04-01, 2017-10-01) plus RXX opened
     * 2016-01-01 and closing 2020-03-31, R0A opened 2017-10-01 (the same day as a succession: one date).
     */
    @Test
    void theLastChangeToTheOrganisationsIsTheLatestOpeningClosureOrSuccessionOnOrBeforeTheDate() {
        OrganisationGraph graph = new OrganisationGraph(CHAIN_ORGS, CHAIN,
                Set.of(date("2016-01-01"), date("2020-03-31"), date("2017-10-01")));
        assertEquals(java.util.Optional.empty(), graph.lastChangeOnOrBefore(date("2015-12-31")), "before any");
        assertEquals(java.util.Optional.of(date("2016-01-01")), graph.lastChangeOnOrBefore(date("2016-01-01")),
                "an opening on the date itself counts (open_date <= the date)");
        assertEquals(java.util.Optional.of(date("2017-04-01")), graph.lastChangeOnOrBefore(date("2017-09-30")),
                "RM4 -> RW3; RW3 -> R0A is a day later");
        assertEquals(java.util.Optional.of(date("2017-10-01")), graph.lastChangeOnOrBefore(date("2020-03-30")));
        assertEquals(java.util.Optional.of(date("2020-03-31")), graph.lastChangeOnOrBefore(date("2026-11-25")),
                "RXX's closure is the last change: every later date sees the same organisations");
        // What the dates promise: the map is the same at any two dates with the same last change.
        assertEquals(graph.mapAt(date("2017-10-01")), graph.mapAt(date("2020-03-30")));
    }

    @Test
    void aSuccessorEffectiveAfterTheDateDoesNotApplyYet() {
        OrganisationGraph graph = new OrganisationGraph(CHAIN_ORGS, CHAIN);
        // 2017-06-30: RM4 -> RW3 (2017-04-01) has happened, RW3 -> R0A (2017-10-01) has not, so the walk
        // stops at RW3, which is still current.
        assertEquals(Map.of("R0A", "R0A", "RM4", "RW3", "RW3", "RW3", "RXX", "RXX"),
                graph.currentAt(date("2017-06-30")));
        // 2017-03-31: nothing has happened; every code is itself.
        assertEquals(Map.of("R0A", "R0A", "RM4", "RM4", "RW3", "RW3", "RXX", "RXX"),
                graph.currentAt(date("2017-03-31")));
        // 2017-10-01, the effective date itself: the successor has taken over ("on or before").
        assertEquals("R0A", graph.currentAt(date("2017-10-01")).get("RM4"));
    }

    @Test
    void aLaterLinkThatIsNotYetEffectiveStopsTheWalkEvenWhenTheNextOneIs() {
        // RAA -> RBB takes effect in 2020, RBB -> RCC already in 2018. As at 2019-03-31 RBB has become RCC
        // but RAA is still itself: it must not jump over its own future merger to RCC.
        OrganisationGraph graph = new OrganisationGraph(Set.of("RAA", "RBB", "RCC"), List.of(
                link("RAA", "RBB", "2020-04-01", 2),
                link("RBB", "RCC", "2018-04-01", 3)));
        assertEquals(Map.of("RAA", "RAA", "RBB", "RCC", "RCC", "RCC"), graph.currentAt(date("2019-03-31")));
        // 2020-04-01: RAA -> RBB -> RCC, 2 hops.
        assertEquals(new Mapping("RAA", "RCC", 2), graph.mapAt(date("2020-04-01")).get(0));
    }

    @Test
    void aPredecessorMissingFromOrganisationsIsStillFolded() {
        // A code known only from successors.csv (closed before this organisations snapshot) is allowed
        // ("a known organisation (or a predecessor)"), and its rows belong to its successor.
        OrganisationGraph graph = new OrganisationGraph(Set.of("RXC"), List.of(link("RXA", "RXC", "2018-04-01", 2)));
        assertDoesNotThrow(graph::check);
        assertEquals(Map.of("RXA", "RXC", "RXC", "RXC"), graph.currentAt(date("2019-03-31")));
    }

    @Test
    void aSuccessorThatIsNotAnOrganisationStopsTheRunNamingFileRowAndCodes() {
        OrganisationGraph graph = new OrganisationGraph(Set.of("RXA", "RXB"), List.of(
                link("RXA", "RXB", "2018-04-01", 2),
                link("RXB", "RZZ", "2018-04-01", 3)));
        ContractViolation e = assertThrows(ContractViolation.class, graph::check);
        assertEquals(ExitCodes.CONTRACT_VIOLATION, e.exitCode());
        // The second link (row 3) is the bad one; the message must say where and which codes.
        assertTrue(e.getMessage().startsWith(FILE + ": row 3: "), e.getMessage());
        assertTrue(e.getMessage().contains("RZZ") && e.getMessage().contains("RXB"), e.getMessage());
    }

    @Test
    void aCycleStopsTheRunNamingOnlyTheCodesOnTheCycle() {
        // RAA -> RBB -> RCC -> RBB. RAA leads into the cycle but is not on it. The README's example line is
        // "contract violation: organisations/2019-07-01/successors.csv: row 2: successor cycle RBB -> RCC -> RBB",
        // row 2 being the cycle's first link (RBB's).
        OrganisationGraph graph = new OrganisationGraph(Set.of("RAA", "RBB", "RCC"), List.of(
                link("RBB", "RCC", "2018-04-01", 2),
                link("RCC", "RBB", "2019-04-01", 3),
                link("RAA", "RBB", "2017-04-01", 4)));
        ContractViolation e = assertThrows(ContractViolation.class, graph::check);
        assertEquals(ExitCodes.CONTRACT_VIOLATION, e.exitCode());
        assertTrue(e.line().startsWith("contract violation: " + FILE + ": row 2: successor cycle RBB -> RCC -> RBB"),
                e.line());
    }

    @Test
    void aCycleStopsTheRunEvenBeforeItsLinksTakeEffect() {
        // The contract makes any cycle an error: successors.csv is wrong whatever the as-at date, so the
        // check does not look at effective dates (here the closing link is dated 2030).
        OrganisationGraph graph = new OrganisationGraph(Set.of("RBB", "RCC"), List.of(
                link("RBB", "RCC", "2018-04-01", 2),
                link("RCC", "RBB", "2030-04-01", 3)));
        assertThrows(ContractViolation.class, graph::check);
    }

    @Test
    void anOrganisationSucceededByItselfIsACycle() {
        OrganisationGraph graph = new OrganisationGraph(Set.of("RAA"), List.of(link("RAA", "RAA", "2018-04-01", 5)));
        ContractViolation e = assertThrows(ContractViolation.class, graph::check);
        assertTrue(e.getMessage().contains("row 5: successor cycle RAA -> RAA"), e.getMessage());
    }

    private static Link link(String predecessor, String successor, String effective, long row) {
        return new Link(predecessor, successor, date(effective), FILE, row);
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }
}
