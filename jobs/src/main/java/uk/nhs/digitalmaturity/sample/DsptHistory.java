package uk.nhs.digitalmaturity.sample;

import static uk.nhs.digitalmaturity.contract.DsptStatus.APPROACHING_STANDARDS;
import static uk.nhs.digitalmaturity.contract.DsptStatus.INTERIM_SUBMITTED;
import static uk.nhs.digitalmaturity.contract.DsptStatus.PLAN_AGREED;
import static uk.nhs.digitalmaturity.contract.DsptStatus.STANDARDS_EXCEEDED;
import static uk.nhs.digitalmaturity.contract.DsptStatus.STANDARDS_MET;
import static uk.nhs.digitalmaturity.contract.DsptStatus.STANDARDS_NOT_MET;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import uk.nhs.digitalmaturity.contract.DsptStatus;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.LandingTable;
import uk.nhs.digitalmaturity.landing.LandingWriter;

/**
 * Data Security and Protection Toolkit statuses ({@code dspt_status.csv}).
 *
 * <p>2018-19 is real: the DSPT publication of 17 June 2019 for every trust in the organisation set (118 standards
 * met, 9 exceeded, 92 plan agreed, 8 not met; the newly formed South Tyneside and Sunderland not yet published).
 *
 * <p>2018-19 follow-up, modelled on paragraph 2.11 ("100 trusts had not met the standard by April 2019, and 57 of
 * these were still not compliant by September 2019"): 43 of the 92 trusts with a plan agreed in the June 2019
 * publication reach STANDARDS_MET between 18 June and 30 September 2019, in a snapshot of 1 October 2019.
 *
 * <p>2019-20 is modelled on paragraph 2.11 of the NAO report as at 2 March 2020: 223 trusts returned an
 * assessment, 62 (28%) passed (standards met or exceeded), about two-thirds had submitted only the interim
 * assessment. Many trusts first appear as interim and later with a final status: the latest status wins.
 */
final class DsptHistory {
    static final LocalDate DSPT_2019_20_AS_AT = SnapshotPlan.CYBER_2020;

    private record Status(String org, String year, DsptStatus status, LocalDate date) {
    }

    /** Trusts whose 2018-19 plan turned into STANDARDS_MET by September 2019: 100 - 57. */
    static final int MET_BY_SEPTEMBER_2019 = 43;

    private final List<Status> year2018 = new ArrayList<>();
    private final List<Status> followUp2018 = new ArrayList<>();
    private final List<Status> year2019 = new ArrayList<>();

    DsptHistory(OrganisationHistory orgs, long seed) {
        Set<String> known = Set.copyOf(orgs.codes());
        Map<String, DsptStatus> previous = new TreeMap<>();
        for (Map<String, String> r : Resources.csv("dspt-2018-19.csv")) {
            if (!known.contains(r.get("org_code"))) {
                continue; // Welsh trusts
            }
            LocalDate date = r.get("status_date").isEmpty() ? SnapshotPlan.CYBER_2019
                    : LocalDate.parse(r.get("status_date"));
            DsptStatus status = DsptStatus.valueOf(r.get("status"));
            year2018.add(new Status(r.get("org_code"), "2018-19", status, date));
            previous.put(r.get("org_code"), status);
        }

        Rng follow = Rng.of(seed, "dspt-2018-19-follow-up");
        List<String> planAgreed = new ArrayList<>();
        previous.forEach((code, status) -> {
            if (status == PLAN_AGREED) {
                planAgreed.add(code);
            }
        });
        follow.shuffle(planAgreed);
        for (String code : planAgreed.subList(0, MET_BY_SEPTEMBER_2019)) {
            followUp2018.add(new Status(code, "2018-19", STANDARDS_MET,
                    workingDay(follow, LocalDate.of(2019, 6, 18), LocalDate.of(2019, 9, 30))));
        }

        Rng rng = Rng.of(seed, "dspt-2019-20");
        // every trust open then returned (the trusts that had stopped operating are closed by 2018: closures.csv)
        List<String> returning = orgs.openOn(DSPT_2019_20_AS_AT);
        if (returning.size() != 223) {
            throw new IllegalStateException("DSPT 2019-20: " + returning.size() + " trusts returning, expected 223");
        }
        // trusts that met the 2018-19 standard are likelier to have completed the full 2019-20 assessment early
        Map<String, Double> key = new TreeMap<>();
        for (String code : returning) {
            boolean passedBefore = previous.containsKey(code) && previous.get(code).passed();
            key.put(code, rng.normal() + (passedBefore ? 0.8 : 0.0));
        }
        List<String> ranked = new ArrayList<>(returning);
        ranked.sort(Comparator.comparing((String c) -> key.get(c)).reversed());
        List<String> rest = new ArrayList<>(ranked.subList(62, ranked.size()));
        rng.shuffle(rest);
        List<String> finalOther = rest.subList(0, 12);
        DsptStatus[] otherStatuses = {APPROACHING_STANDARDS, APPROACHING_STANDARDS, APPROACHING_STANDARDS,
            APPROACHING_STANDARDS, APPROACHING_STANDARDS, APPROACHING_STANDARDS, PLAN_AGREED, PLAN_AGREED,
            PLAN_AGREED, PLAN_AGREED, STANDARDS_NOT_MET, STANDARDS_NOT_MET};
        for (int i = 0; i < ranked.size(); i++) {
            String code = ranked.get(i);
            LocalDate interim = workingDay(rng, LocalDate.of(2019, 10, 1), LocalDate.of(2019, 10, 31));
            if (i < 62) {
                if (rng.chance(0.65)) {
                    year2019.add(new Status(code, "2019-20", INTERIM_SUBMITTED, interim));
                }
                year2019.add(new Status(code, "2019-20", i < 7 ? STANDARDS_EXCEEDED : STANDARDS_MET,
                        workingDay(rng, LocalDate.of(2019, 12, 2), LocalDate.of(2020, 2, 28))));
            } else {
                year2019.add(new Status(code, "2019-20", INTERIM_SUBMITTED, interim));
                int other = finalOther.indexOf(code);
                if (other >= 0) {
                    year2019.add(new Status(code, "2019-20", otherStatuses[other],
                            workingDay(rng, LocalDate.of(2020, 1, 6), LocalDate.of(2020, 2, 28))));
                }
            }
        }
        // a tie (same organisation and date) goes in code order, as sample-data/ was generated, not in enum order
        Comparator<Status> order = Comparator.comparing(Status::org).thenComparing(Status::date)
                .thenComparing(s -> s.status().name());
        year2018.sort(order);
        followUp2018.sort(order);
        year2019.sort(order);
    }

    /** A working day in [from, to], a weekend moved back to the Friday (or forward to from); GP practices' too. */
    static LocalDate workingDay(Rng rng, LocalDate from, LocalDate to) {
        LocalDate d = from.plusDays(rng.nextInt((int) (to.toEpochDay() - from.toEpochDay()) + 1));
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.minusDays(1);
        }
        return d.isBefore(from) ? from : d;
    }

    void write(LandingWriter out) {
        writeYear(out, SnapshotPlan.CYBER_2019, year2018);
        writeYear(out, SnapshotPlan.CYBER_2019_FOLLOW_UP, followUp2018);
        writeYear(out, SnapshotPlan.CYBER_2020, year2019);
    }

    private static void writeYear(LandingWriter out, LocalDate snapshot, List<Status> rows) {
        try (LandingTable t = out.table(Source.DSPT_STATUS, snapshot)) {
            for (Status s : rows) {
                t.row(s.org(), s.year(), s.status().name(), s.date().toString());
            }
        }
    }
}
