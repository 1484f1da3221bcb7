package uk.nhs.digitalmaturity.contract;

import java.util.Arrays;
import java.util.List;

/**
 * A Data Security and Protection Toolkit publication status, the {@code status} of {@code dspt_status.csv}, in
 * the order NHS Digital publishes them and the report's charts show them: best first, not published last.
 *
 * <p>The SQL of {@code sql/reporting/dspt_*.sql} cannot read this class, so it spells the statuses and their
 * meaning out again; a unit test holds those files to this enum.
 */
public enum DsptStatus {
    STANDARDS_EXCEEDED("Standards exceeded"),
    STANDARDS_MET("Standards met"),
    PLAN_AGREED("Standards not fully met (plan agreed)"),
    APPROACHING_STANDARDS("Approaching standards"),
    STANDARDS_NOT_MET("Standards not met"),
    ENTRY_LEVEL("Entry level"),
    INTERIM_SUBMITTED("Interim submitted"),
    /** Listed in the publication with a blank status: no assessment returned for the year. */
    NOT_PUBLISHED("Not published");

    private final String label;

    DsptStatus(String label) {
        this.label = label;
    }

    /**
     * The status in words, as the publication prints it (up to case) and the charts label it; a not-published
     * organisation has no words in the publication, only a blank.
     */
    public String label() {
        return label;
    }

    /** The organisation returned an assessment for the year, whatever its outcome. */
    public boolean returned() {
        return this != NOT_PUBLISHED;
    }

    /**
     * The organisation completed the full assessment, whatever its outcome: an entry-level or interim submission is
     * returned but not complete (GP practices, paragraph 2.11: "6,648 had completed the assessment").
     */
    public boolean completed() {
        return returned() && this != ENTRY_LEVEL && this != INTERIM_SUBMITTED;
    }

    /** The organisation passed the full assessment: it met or exceeded the standards. */
    public boolean passed() {
        return this == STANDARDS_MET || this == STANDARDS_EXCEEDED;
    }

    /** The codes as written in {@code dspt_status.csv}, in publication order. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
