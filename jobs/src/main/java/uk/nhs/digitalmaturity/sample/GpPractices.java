package uk.nhs.digitalmaturity.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.LandingTable;
import uk.nhs.digitalmaturity.landing.LandingWriter;

/**
 * GP practices ({@code gp/gp_practices.csv}), entirely modelled: about 7,000 practices in England (contract,
 * gp/), the NAO's order of magnitude for 2019-20.
 *
 * <p>Codes are deliberately <b>not</b> in the form of a real practice code. Real ODS practice codes are one letter
 * and five digits ({@code A81001}); these are two letters and four digits ({@code ZZ0001} to {@code ZZ7100}), so no
 * modelled practice can be mistaken for, or joined to, a real one, while they still fit the contract's six
 * capitals or digits. Names are "Modelled Practice 0001" for the same reason.
 *
 * <p>7,000 practices are open on 30 April 2020 (the date of the report's DSPT count). Besides them, 100 closed
 * before 1 April 2019: they are in the file, as ODS keeps closed practices, but neither answer the 2019-20 survey
 * nor count in DSPT. 20 of the open practices close on 30 September 2020; since the March 2020 extract cannot
 * know that, their close date arrives in a later extract ({@link SnapshotPlan#GP_CLOSURES}) that supersedes just
 * their rows. They answered the survey and count at 30 April 2020. No practice opened during 2019-20, so the
 * practices open during the survey year are exactly those open on 30 April 2020.
 */
final class GpPractices {
    static final int OPEN_AT_APRIL_2020 = 7_000;
    static final int CLOSED_BEFORE_2019_20 = 100;
    static final int CLOSING_SEPTEMBER_2020 = 20;
    static final LocalDate LATER_CLOSE_DATE = LocalDate.of(2020, 9, 30);

    /** close is the first day closed (as organisations.csv), null while open. */
    record Practice(String code, String name, LocalDate open, LocalDate close) {
        boolean openOn(LocalDate day) {
            return !open.isAfter(day) && (close == null || close.isAfter(day));
        }
    }

    private final List<Practice> practices = new ArrayList<>();

    GpPractices(long seed) {
        Rng rng = Rng.of(seed, "gp-practices");
        int total = OPEN_AT_APRIL_2020 + CLOSED_BEFORE_2019_20;
        // which codes closed is drawn, so that closed practices are spread over the code range
        List<Integer> kind = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            kind.add(i < CLOSED_BEFORE_2019_20 ? 1 : i < CLOSED_BEFORE_2019_20 + CLOSING_SEPTEMBER_2020 ? 2 : 0);
        }
        rng.shuffle(kind);
        for (int i = 0; i < total; i++) {
            String number = String.format("%04d", i + 1);
            // every practice opened before the survey year: most practices are decades old
            LocalDate open = day(rng, LocalDate.of(1974, 4, 1), LocalDate.of(2015, 3, 31));
            LocalDate close = switch (kind.get(i)) {
                case 1 -> day(rng, LocalDate.of(2015, 4, 1), LocalDate.of(2019, 3, 31));
                case 2 -> LATER_CLOSE_DATE;
                default -> null;
            };
            practices.add(new Practice("ZZ" + number, "Modelled Practice " + number, open, close));
        }
    }

    private static LocalDate day(Rng rng, LocalDate from, LocalDate to) {
        return from.plusDays(rng.nextInt((int) (to.toEpochDay() - from.toEpochDay()) + 1));
    }

    /** Every practice, in code order. */
    List<Practice> all() {
        return practices;
    }

    /** Codes of the practices open on the day, in code order. */
    List<String> openOn(LocalDate day) {
        return practices.stream().filter(p -> p.openOn(day)).map(Practice::code).toList();
    }

    /** Codes of the practices that close on 30 September 2020, in code order. */
    List<String> closingLater() {
        return practices.stream().filter(p -> LATER_CLOSE_DATE.equals(p.close())).map(Practice::code).toList();
    }

    void write(LandingWriter out) {
        try (LandingTable t = out.table(Source.GP_PRACTICES, SnapshotPlan.GP)) {
            for (Practice p : practices) {
                // as known at the end of March 2020: the September closures are still open
                boolean knownClosed = p.close() != null && p.close().isBefore(SnapshotPlan.GP);
                t.row(p.code(), p.name(), p.open().toString(), knownClosed ? p.close().toString() : "", "");
            }
        }
        try (LandingTable t = out.table(Source.GP_PRACTICES, SnapshotPlan.GP_CLOSURES)) {
            for (Practice p : practices) {
                if (LATER_CLOSE_DATE.equals(p.close())) {
                    t.row(p.code(), p.name(), p.open().toString(), p.close().toString(), "");
                }
            }
        }
    }
}
