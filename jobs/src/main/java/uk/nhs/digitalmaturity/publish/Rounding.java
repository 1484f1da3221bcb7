package uk.nhs.digitalmaturity.publish;

import java.math.BigDecimal;
import java.math.RoundingMode;
import uk.nhs.digitalmaturity.model.ColumnUnit;

/**
 * How a column is written in the publication pack, by its unit: whole per cent, pounds to the nearest pound,
 * FTE to one decimal, as the report publishes them. Tables keep the unrounded values.
 */
public enum Rounding {
    WHOLE("rounded half up to a whole number"),
    ONE_DECIMAL("rounded half up to one decimal place"),
    TWO_DECIMALS("rounded half up to two decimal places"),
    /** p-values: a fixed number of decimals would print small ones as zero. */
    THREE_SIGNIFICANT("rounded half up to three significant figures"),
    /** Counts derived from staff-level records below national level: NHS statistical disclosure control. */
    DISCLOSURE_CONTROLLED("1 to 7 suppressed as *, other counts rounded half up to the nearest 5"),
    AS_IS("as stored");

    private final String rule;

    Rounding(String rule) {
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }

    /** Every unit is named, with no default: a new unit must say how it is published. */
    public static Rounding forUnit(ColumnUnit unit) {
        return switch (unit) {
            case PCT, GBP -> WHOLE;
            case FTE -> ONE_DECIMAL;
            // scores keep two places, so that 39.99 (LOW) is not published as 40 beside its band
            case RATIO, SCORE -> TWO_DECIMALS;
            case PROBABILITY -> THREE_SIGNIFICANT;
            case STAFF_COUNT -> DISCLOSURE_CONTROLLED;
            case CODE, TEXT, YEAR, DATE, FLAG, ORDER, COUNT -> AS_IS;
        };
    }

    /** The published text of a value (empty for null). */
    public String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number n && this != AS_IS) {
            BigDecimal exact = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            return switch (this) {
                case WHOLE -> plain(exact.setScale(0, RoundingMode.HALF_UP));
                case ONE_DECIMAL -> plain(exact.setScale(1, RoundingMode.HALF_UP));
                case TWO_DECIMALS -> plain(exact.setScale(2, RoundingMode.HALF_UP));
                case THREE_SIGNIFICANT -> plain(exact.round(new java.math.MathContext(3, RoundingMode.HALF_UP)));
                case DISCLOSURE_CONTROLLED -> disclosureControlled(exact);
                case AS_IS -> plain(exact);
            };
        }
        if (value instanceof Double || value instanceof Float) {
            return plain(new BigDecimal(value.toString()));
        }
        if (value instanceof BigDecimal b) {
            return plain(b.stripTrailingZeros());
        }
        return value.toString();
    }

    private static String disclosureControlled(BigDecimal count) {
        if (count.signum() == 0) {
            return "0";
        }
        if (count.compareTo(BigDecimal.valueOf(7)) <= 0) {
            return "*";
        }
        return plain(count.divide(BigDecimal.valueOf(5)).setScale(0, RoundingMode.HALF_UP).multiply(BigDecimal.valueOf(5)));
    }

    private static String plain(BigDecimal d) {
        String text = d.toPlainString();
        return text.matches("-0(\\.0+)?") ? text.substring(1) : text;
    }
}
