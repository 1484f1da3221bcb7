package uk.nhs.digitalmaturity.contract;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * One column of a landing file: its type, whether it may be blank, and the one check its values must pass.
 * Serializable because executors parse rows with it.
 */
public record Column(String name, ColumnType type, boolean required, Check check, String description)
        implements Serializable {

    /** What a value must satisfy beyond its type. */
    public sealed interface Check extends Serializable
            permits NoCheck, PatternCheck, OneOf, Range, FinancialYearCheck, PeriodCheck {
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
