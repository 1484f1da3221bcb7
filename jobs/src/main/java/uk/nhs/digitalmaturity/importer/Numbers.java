package uk.nhs.digitalmaturity.importer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Deterministic decimal handling. Excel stores numbers as IEEE doubles and shows at most 15 significant
 * digits; a workbook cell written as {@code 0.74666999999999994} was published as {@code 0.74667}. Values are
 * taken at those 15 significant digits, summed exactly as {@link BigDecimal}, and written with
 * {@link BigDecimal#toPlainString()} (no exponent, no locale, no trailing zeros).
 */
final class Numbers {
    private static final MathContext EXCEL_PRECISION = new MathContext(15, RoundingMode.HALF_EVEN);
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private Numbers() {
    }

    /** The decimal a spreadsheet shows for a stored double. */
    static BigDecimal fromExcel(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        return normalise(new BigDecimal(value).round(EXCEL_PRECISION));
    }

    /** Parses a number held as text ({@code "91.93"}, {@code " 1,234.5 "}); empty when it is not one. */
    static Optional<BigDecimal> parseText(String text) {
        String t = text.trim().replace(",", "");
        if (!PLAIN_NUMBER.matcher(t).matches()) {
            return Optional.empty();
        }
        return Optional.of(normalise(new BigDecimal(t)));
    }

    static BigDecimal normalise(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static String format(BigDecimal value) {
        return normalise(value).toPlainString();
    }
}
