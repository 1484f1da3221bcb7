package uk.nhs.digitalmaturity.importer;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Financial years as the contract writes them, {@code YYYY-YY} with the second part one more than the first
 * ({@code 2018-19}, {@code 1999-00}). Accepts the forms publications use: {@code 2018-19}, {@code 2018/19},
 * {@code 2018-2019}, {@code 2018 to 2019}, with footnote markers after the year ({@code 2019-20 (1), (2)}).
 */
public final class FinancialYears {
    private static final Pattern YEAR = Pattern.compile(
            "^\\s*(\\d{4})\\s*(?:-|/|\u2013|\u2014|to)\\s*(\\d{2}|\\d{4})(?![0-9])(.*)$");
    private static final Pattern CONTRACT_FORM = Pattern.compile("\\d{4}-\\d{2}");

    private FinancialYears() {
    }

    /** The normalised year, or empty when the text does not start with a financial year. */
    public static Optional<String> normalise(String text) {
        Matcher m = YEAR.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int first = Integer.parseInt(m.group(1));
        String second = m.group(2);
        int secondTwoDigits = Integer.parseInt(second.length() == 4 ? second.substring(2) : second);
        if (second.length() == 4 && Integer.parseInt(second) != first + 1) {
            return Optional.empty();
        }
        if (secondTwoDigits != (first + 1) % 100) {
            return Optional.empty();
        }
        String rest = m.group(3).trim();
        if (!rest.isEmpty() && !rest.startsWith("(") && !rest.startsWith("[") && !rest.startsWith("*")) {
            return Optional.empty();
        }
        return Optional.of(String.format("%04d-%02d", first, secondTwoDigits));
    }

    /** True for a value already in the contract form with consecutive years. */
    public static boolean isContractForm(String text) {
        return CONTRACT_FORM.matcher(text).matches() && normalise(text).map(text::equals).orElse(false);
    }
}
