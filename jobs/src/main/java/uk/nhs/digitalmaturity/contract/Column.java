package uk.nhs.digitalmaturity.contract;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * One column of a landing file: its type, whether it may be blank, the one check its values must pass, and
 * whether a file may leave it out altogether ({@code mayBeAbsent}: a column the contract added later, which
 * older snapshots and feeds do not carry; an absent column reads as blank in every row).
 * Serializable because executors parse rows with it.
 */
public record Column(String name, ColumnType type, boolean required, Check check, String description,
                     boolean mayBeAbsent) implements Serializable {

    public Column(String name, ColumnType type, boolean required, Check check, String description) {
        this(name, type, required, check, description, false);
    }

    /** What a value must satisfy beyond its type. */
    public sealed interface Check extends Serializable
            permits NoCheck, PatternCheck, OneOf, ListOf, Range, FinancialYearCheck, PeriodCheck {
        /** The rule a value breaks when it fails this check. */
        Rule rule();
    }

    public record NoCheck() implements Check {
        public Rule rule() {
            return Rule.INVALID_FORMAT;
        }
    }

    public record PatternCheck(String regex, String humanForm) implements Check {
        public Rule rule() {
            return Rule.INVALID_FORMAT;
        }
    }

    public record OneOf(List<String> values) implements Check {
        public Rule rule() {
            return Rule.NOT_IN_ENUM;
        }
    }

    /**
     * A list of values, each one of {@code values}, separated by {@code separator} (items trimmed; an empty
     * item is not a value). Breaking it is {@link Rule#NOT_IN_ENUM}, as for a single enum value.
     */
    public record ListOf(List<String> values, String separator) implements Check {
        public Rule rule() {
            return Rule.NOT_IN_ENUM;
        }

        /** The items of a non-blank value, trimmed, or null when one of them is not an allowed value. */
        public List<String> items(String text) {
            List<String> out = new java.util.ArrayList<>();
            for (String item : text.split(java.util.regex.Pattern.quote(separator), -1)) {
                String trimmed = item.trim();
                if (!values.contains(trimmed)) {
                    return null;
                }
                out.add(trimmed);
            }
            return out;
        }
    }

    /** A numeric range; a null bound is open. */
    public record Range(BigDecimal min, boolean minInclusive, BigDecimal max, boolean maxInclusive)
            implements Check {
        public Rule rule() {
            return Rule.OUT_OF_RANGE;
        }

        public String describe() {
            String low = min == null ? "" : (minInclusive ? ">= " : "> ") + min.toPlainString();
            String high = max == null ? "" : (maxInclusive ? "<= " : "< ") + max.toPlainString();
            return (low + (low.isEmpty() || high.isEmpty() ? "" : " and ") + high).trim();
        }
    }

    public record FinancialYearCheck() implements Check {
        public Rule rule() {
            return Rule.BAD_FIN_YEAR;
        }
    }

    public record PeriodCheck() implements Check {
        public Rule rule() {
            return Rule.INVALID_FORMAT;
        }
    }

    static Column text(String name, String description) {
        return new Column(name, ColumnType.TEXT, true, new NoCheck(), description);
    }

    static Column optionalText(String name, String description) {
        return new Column(name, ColumnType.TEXT, false, new NoCheck(), description);
    }

    static Column pattern(String name, String regex, String humanForm, String description) {
        return new Column(name, ColumnType.TEXT, true, new PatternCheck(regex, humanForm), description);
    }

    static Column oneOf(String name, List<String> values, String description) {
        return new Column(name, ColumnType.TEXT, true, new OneOf(values), description);
    }

    /**
     * An optional column, possibly absent from the file, holding a {@code separator}-separated list of values
     * each from {@code values}; blank or absent means "no list".
     */
    static Column optionalListOf(String name, List<String> values, String separator, String description) {
        return new Column(name, ColumnType.TEXT, false, new ListOf(values, separator), description, true);
    }

    static Column date(String name, boolean required, String description) {
        return new Column(name, ColumnType.DATE, required, new NoCheck(), description);
    }

    static Column number(String name, ColumnType type, boolean required, Range range, String description) {
        return new Column(name, type, required, range == null ? new NoCheck() : range, description);
    }

    static Column finYear(String name, String description) {
        return new Column(name, ColumnType.TEXT, true, new FinancialYearCheck(), description);
    }

    static Column period(String name, String description) {
        return new Column(name, ColumnType.TEXT, true, new PeriodCheck(), description);
    }
}
