package uk.nhs.digitalmaturity.testing;

/** The reporting dates tests run as at: fixed, so results never depend on the day the suite runs. */
public final class AsAt {
    /** Every hand-worked fixture is run as at this date (after all its snapshots). */
    public static final String FIXTURES = "2026-11-24";
    /** The committed sample run, the publication pack and {@code notebooks-export/} are as at this date. */
    public static final String SAMPLE = "2026-11-24";

    private AsAt() {
    }
}
