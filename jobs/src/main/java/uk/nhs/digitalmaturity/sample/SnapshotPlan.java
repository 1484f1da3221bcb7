package uk.nhs.digitalmaturity.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * When each extract "arrived". The pipeline started in mid-2019 with a back-fill, so no snapshot is dated before
 * the first organisations snapshot, and reference data always arrives no later than the facts that use it.
 */
public final class SnapshotPlan {
    /** Full ODS history as known then (incl. the April 2019 merger). */
    public static final LocalDate ORGANISATIONS_BACKFILL = LocalDate.of(2019, 6, 3);
    /** Mergers effective 1 October 2019. */
    public static final LocalDate ORGANISATIONS_2019_10 = LocalDate.of(2019, 10, 1);
    /** Mergers effective 1 April 2020. */
    public static final LocalDate ORGANISATIONS_2020_04 = LocalDate.of(2020, 4, 1);
    public static final List<LocalDate> ORGANISATIONS =
            List.of(ORGANISATIONS_BACKFILL, ORGANISATIONS_2019_10, ORGANISATIONS_2020_04);

    /** Back-fill of 2013-14 to 2017-18 returns and the finance code list. */
    public static final LocalDate FINANCE_BACKFILL = LocalDate.of(2019, 6, 3);
    /** 2018-19 returns. */
    public static final LocalDate FINANCE_2018_19 = LocalDate.of(2019, 7, 15);
    /** One trust's resubmitted 2018-19 return. */
    public static final LocalDate FINANCE_RESUBMISSION = LocalDate.of(2019, 10, 1);

    /** An earlier deflator vintage (modelled: see PROVENANCE.md). */
    public static final LocalDate DEFLATORS_2019 = LocalDate.of(2019, 7, 1);
    /** HM Treasury, Budget 2020 (real values). */
    public static final LocalDate DEFLATORS_2020 = LocalDate.of(2020, 3, 11);

    /** workforce_org for 2018-06 and 2018-12 (with nationality) and the informatics occupation list. */
    public static final LocalDate WORKFORCE_BACKFILL = LocalDate.of(2019, 6, 3);
    /** First staff-level period. */
    public static final YearMonth FIRST_STAFF_PERIOD = YearMonth.of(2019, 3);

    /** 2016 and 2017 surveys, questions and answer scales. */
    public static final LocalDate DMA_BACKFILL = LocalDate.of(2019, 6, 3);
    /** A few corrected answers for one trust. */
    public static final LocalDate DMA_CORRECTION = LocalDate.of(2019, 9, 2);

    /** CE+ history to date and DSPT 2018-19 (the real DSPT publication of 17 June 2019). */
    public static final LocalDate CYBER_2019 = LocalDate.of(2019, 6, 17);
    /** CE+ assessments since, up to 29 February 2020, and DSPT 2019-20. */
    public static final LocalDate CYBER_2019_FOLLOW_UP = LocalDate.of(2019, 10, 1);
    public static final LocalDate CYBER_2020 = LocalDate.of(2020, 3, 2);
    public static final LocalDate PROGRAMMES = LocalDate.of(2019, 6, 3);

    /** GP practices (ODS) as known at the end of 2019-20, the 2019-20 GP survey, its questions and scales. */
    public static final LocalDate GP = LocalDate.of(2020, 3, 31);
    /**
     * Practices that closed on 30 September 2020: a later practices extract, because the March 2020 file cannot
     * know a closure six months ahead (a run as at April 2020 must still see them open).
     */
    public static final LocalDate GP_CLOSURES = LocalDate.of(2020, 10, 1);
    /** DSPT 2019-20 of GP practices, statuses to 30 April 2020 (paragraph 2.11's "by April 2020"). */
    public static final LocalDate CYBER_GP_2020 = LocalDate.of(2020, 5, 1);
    /** DSPT 2019-20 of GP practices that completed after April 2020: they must not count at 30 April. */
    public static final LocalDate CYBER_GP_2020_FOLLOW_UP = LocalDate.of(2020, 10, 1);

    private SnapshotPlan() {
    }

    /** Staff-level extracts arrive on the first Monday four months after the period (2019-03 → 2019-07-01). */
    public static LocalDate staffSnapshot(YearMonth period) {
        return period.plusMonths(4).atDay(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    }

    /** workforce_org for 2019-03 arrives with the first staff-level extract. */
    public static LocalDate workforceMarch2019() {
        return staffSnapshot(FIRST_STAFF_PERIOD);
    }
}
