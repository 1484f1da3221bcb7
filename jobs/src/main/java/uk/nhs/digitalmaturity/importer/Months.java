package uk.nhs.digitalmaturity.importer;

import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Months as NHS Workforce Statistics publish them ({@code 2018-JUN}, {@code JUN-2018}, {@code June 2018},
 * {@code 2018-06}, a date within the month) to the contract's {@code YYYY-MM}.
 */
public final class Months {
    private static final Pattern YEAR_NAME = Pattern.compile("^(\\d{4})[\\s\\-/]+([A-Za-z]{3,9})\\.?$");
    private static final Pattern NAME_YEAR = Pattern.compile("^([A-Za-z]{3,9})\\.?[\\s\\-/]+(\\d{4})$");
    private static final Pattern ISO = Pattern.compile("^(\\d{4})-(\\d{1,2})$");

    private Months() {
    }

    public static Optional<String> normalise(String text) {
        String t = text.trim();
        Matcher m = YEAR_NAME.matcher(t);
        if (m.matches()) {
            return monthByName(m.group(2)).map(mo -> format(Integer.parseInt(m.group(1)), mo));
        }
        Matcher n = NAME_YEAR.matcher(t);
        if (n.matches()) {
            return monthByName(n.group(1)).map(mo -> format(Integer.parseInt(n.group(2)), mo));
        }
        Matcher i = ISO.matcher(t);
        if (i.matches()) {
            int mo = Integer.parseInt(i.group(2));
            return mo >= 1 && mo <= 12 ? Optional.of(format(Integer.parseInt(i.group(1)), mo)) : Optional.empty();
        }
        return ExcelDates.fromText(t).map(Months::of);
    }

    public static String of(LocalDate date) {
        return YearMonth.from(date).toString();
    }

    /** True for a valid {@code YYYY-MM}. */
    public static boolean isContractForm(String text) {
        return text.matches("\\d{4}-\\d{2}") && normalise(text).map(text::equals).orElse(false);
    }

    private static Optional<Integer> monthByName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (Month month : Month.values()) {
            String full = month.name();
            if (n.equals(full) || n.equals(full.substring(0, 3)) || (n.equals("SEPT") && month == Month.SEPTEMBER)) {
                return Optional.of(month.getValue());
            }
        }
        return Optional.empty();
    }

    private static String format(int year, int month) {
        return String.format("%04d-%02d", year, month);
    }
}
