package uk.nhs.digitalmaturity.sample;

/** How big a landing zone to generate. */
public enum SampleScale {
    /** The small, committed landing zone calibrated to the NAO figures (a few MB). */
    SAMPLE,
    /** The same sources at national volume (about 1.4 million staff assignments a month); not committed. */
    NATIONAL
}
