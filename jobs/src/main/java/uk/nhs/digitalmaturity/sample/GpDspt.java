package uk.nhs.digitalmaturity.sample;

import static uk.nhs.digitalmaturity.contract.DsptStatus.APPROACHING_STANDARDS;
import static uk.nhs.digitalmaturity.contract.DsptStatus.ENTRY_LEVEL;
import static uk.nhs.digitalmaturity.contract.DsptStatus.INTERIM_SUBMITTED;
import static uk.nhs.digitalmaturity.contract.DsptStatus.PLAN_AGREED;
import static uk.nhs.digitalmaturity.contract.DsptStatus.STANDARDS_EXCEEDED;
import static uk.nhs.digitalmaturity.contract.DsptStatus.STANDARDS_MET;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.digitalmaturity.contract.DsptStatus;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.LandingTable;
import uk.nhs.digitalmaturity.landing.LandingWriter;

/**
 * DSPT 2019-20 of GP practices ({@code cyber/dspt_status.csv}, practice codes only; the trusts' statuses stay in
 * their own snapshots, untouched), modelled on paragraph 2.11: "6,648 had completed the assessment by April 2020,
 * and all reported at least meeting the standards".
 *
 * <p>Of the 7,000 practices open on 30 April 2020, exactly 6,648 have STANDARDS_MET (40 STANDARDS_EXCEEDED) dated
 * 2 January to 30 April 2020, some after an interim submission; no practice has any other full-assessment status
 * by then. The other 352: 120 submit an interim by April and complete only after it (a later snapshot, statuses
 * dated from May 2020: mostly met, some plan agreed or approaching, so a count at 30 April that looked past the
 * date would be wrong twice over), 130 have only an interim, 50 an entry-level assessment, and 52 no status at all.
 * Closed practices have none. More mature practices (the survey's latent maturity, with noise) complete first; the
 * practices that close in September 2020 all completed, so they count at 30 April 2020.
 */
final class GpDspt {
    static final String YEAR = "2019-20";
    static final LocalDate AS_AT = LocalDate.of(2020, 4, 30);
    static final int COMPLETED_BY_APRIL = 6_648;
    static final int EXCEEDED = 40;
    static final int COMPLETED_LATER = 120;
    static final int INTERIM_ONLY = 130;
    static final int ENTRY_LEVEL_ONLY = 50;
    /** Of the later completions: the last 12 have a plan agreed, the 8 before them are approaching standards. */
    static final int LATER_PLAN_AGREED = 12;
    static final int LATER_APPROACHING = 8;

    private record Status(String practice, DsptStatus status, LocalDate date) {
    }

    private final List<Status> byApril = new ArrayList<>();
    private final List<Status> later = new ArrayList<>();

    GpDspt(GpPractices practices, GpSurvey survey, long seed) {
        Rng rng = Rng.of(seed, "gp-dspt");
        List<String> open = practices.openOn(AS_AT);
        List<String> closingLater = practices.closingLater();
        Map<String, Double> key = new TreeMap<>();
        for (String code : open) {
            // the closing practices first: they must be among the completed
            key.put(code, (closingLater.contains(code) ? 100.0 : 0.0) + 0.5 * survey.maturity().get(code)
                    + rng.normal());
        }
        List<String> ranked = new ArrayList<>(open);
        ranked.sort(Comparator.comparing((String c) -> key.get(c)).reversed().thenComparing(c -> c));
        int notCompleted = open.size() - COMPLETED_BY_APRIL;
        if (notCompleted != COMPLETED_LATER + INTERIM_ONLY + ENTRY_LEVEL_ONLY + 52) {
            throw new IllegalStateException("GP DSPT: " + open.size() + " practices open, expected 7,000");
        }
        List<String> completed = new ArrayList<>(ranked.subList(0, COMPLETED_BY_APRIL));
        rng.shuffle(completed);
        for (int i = 0; i < completed.size(); i++) {
            String code = completed.get(i);
            if (rng.chance(0.3)) {
                byApril.add(new Status(code, INTERIM_SUBMITTED,
                        DsptHistory.workingDay(rng, LocalDate.of(2019, 10, 1), LocalDate.of(2019, 12, 31))));
            }
            byApril.add(new Status(code, i < EXCEEDED ? STANDARDS_EXCEEDED : STANDARDS_MET,
                    DsptHistory.workingDay(rng, LocalDate.of(2020, 1, 2), AS_AT)));
        }
        int i = COMPLETED_BY_APRIL;
        for (int n = 0; n < COMPLETED_LATER; n++, i++) {
            String code = ranked.get(i);
            byApril.add(new Status(code, INTERIM_SUBMITTED,
                    DsptHistory.workingDay(rng, LocalDate.of(2020, 2, 3), AS_AT)));
            DsptStatus status = n >= COMPLETED_LATER - LATER_PLAN_AGREED ? PLAN_AGREED
                    : n >= COMPLETED_LATER - LATER_PLAN_AGREED - LATER_APPROACHING ? APPROACHING_STANDARDS
                    : STANDARDS_MET;
            later.add(new Status(code, status, DsptHistory.workingDay(rng, LocalDate.of(2020, 5, 4), LocalDate.of(2020, 9, 30))));
        }
        for (int n = 0; n < INTERIM_ONLY; n++, i++) {
            byApril.add(new Status(ranked.get(i), INTERIM_SUBMITTED,
                    DsptHistory.workingDay(rng, LocalDate.of(2019, 10, 1), AS_AT)));
        }
        for (int n = 0; n < ENTRY_LEVEL_ONLY; n++, i++) {
            byApril.add(new Status(ranked.get(i), ENTRY_LEVEL, DsptHistory.workingDay(rng, LocalDate.of(2020, 1, 2), AS_AT)));
        }
        // the remaining practices have no status
        Comparator<Status> order = Comparator.comparing(Status::practice).thenComparing(Status::date)
                .thenComparing(s -> s.status().name());
        byApril.sort(order);
        later.sort(order);
    }

    void write(LandingWriter out) {
        write(out, SnapshotPlan.CYBER_GP_2020, byApril);
        write(out, SnapshotPlan.CYBER_GP_2020_FOLLOW_UP, later);
    }

    private static void write(LandingWriter out, LocalDate snapshot, List<Status> rows) {
        try (LandingTable t = out.table(Source.DSPT_STATUS, snapshot)) {
            for (Status s : rows) {
                t.row(s.practice(), YEAR, s.status().name(), s.date().toString());
            }
        }
    }
}
