package uk.nhs.digitalmaturity.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An NHS financial year written {@code YYYY-YY} (April to March), e.g. {@code 2018-19}. */
public record FinancialYear(int startYear) implements Comparable<FinancialYear> {
    private static final Pattern FORM = Pattern.compile("(\\d{4})-(\\d{2})");

    /** Parses {@code YYYY-YY} whose second part is the year after the first; otherwise null. */
    public static FinancialYear tryParse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        int start = Integer.parseInt(m.group(1));
        int end = Integer.parseInt(m.group(2));
        return (start + 1) % 100 == end ? new FinancialYear(start) : null;
    }

    public static FinancialYear parse(String text, String what) {
        FinancialYear year = tryParse(text);
        if (year == null) {
            throw new IllegalArgumentException(what + " must be a financial year YYYY-YY such as 2018-19, got " + text);
        }
        return year;
    }

    public static List<String> range(FinancialYear from, FinancialYear to) {
        List<String> years = new ArrayList<>();
        for (int y = from.startYear; y <= to.startYear; y++) {
            years.add(new FinancialYear(y).toString());
        }
        return years;
    }

    @Override
    public int compareTo(FinancialYear o) {
        return Integer.compare(startYear, o.startYear);
    }

    @Override
    public String toString() {
        return String.format("%04d-%02d", startYear, (startYear + 1) % 100);
    }
}
