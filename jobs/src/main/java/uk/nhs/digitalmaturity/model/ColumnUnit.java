package uk.nhs.digitalmaturity.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an output column's values measure, as its {@code .yml} spells it ({@code unit:}). It decides how the
 * publication pack rounds the column, and the data dictionary prints the spelling.
 */
public enum ColumnUnit {
    CODE("code"),
    TEXT("text"),
    YEAR("year"),
    DATE("date"),
    /** true or false. */
    FLAG("flag"),
    /** Place of a row in published charts. */
    ORDER("order"),
    COUNT("count"),
    /**
     * A count derived from staff-level records below national level, which NHS statistical disclosure control
     * applies to. No table has one yet; the rounding is ready for the first.
     */
    STAFF_COUNT("staff_count"),
    /** Per cent, 0-100. */
    PCT("pct"),
    /** Pounds sterling. */
    GBP("gbp"),
    /** Full-time equivalent staff. */
    FTE("fte"),
    SCORE("score"),
    RATIO("ratio"),
    /** p-values. */
    PROBABILITY("probability");

    private final String spelling;

    ColumnUnit(String spelling) {
        this.spelling = spelling;
    }

    /** As written in a {@code .yml} and in the data dictionary. */
    public String spelling() {
        return spelling;
    }

    /** The unit a {@code .yml} spells so; empty when none is (case matters, as the data dictionary prints it). */
    public static Optional<ColumnUnit> of(String spelling) {
        return Arrays.stream(values()).filter(u -> u.spelling.equals(spelling)).findFirst();
    }

    public static List<String> spellings() {
        return Arrays.stream(values()).map(ColumnUnit::spelling).toList();
    }
}
