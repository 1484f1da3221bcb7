package uk.nhs.digitalmaturity.importer;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.DateUtil;

/** Excel serial dates (1900 or 1904 date system) and the few text date forms publications use. */
final class ExcelDates {
    private static final List<DateTimeFormatter> TEXT_FORMS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d/M/uuuu"),
            DateTimeFormatter.ofPattern("d-M-uuuu"),
            DateTimeFormatter.ofPattern("d MMM uuuu", java.util.Locale.UK),
            DateTimeFormatter.ofPattern("d MMMM uuuu", java.util.Locale.UK));

    private ExcelDates() {
    }

    /** Serial day number to date: 43490 is 2019-01-25 in the 1900 date system. Empty when out of range. */
    static Optional<LocalDate> fromSerial(double serial, boolean date1904) {
        if (!DateUtil.isValidExcelDate(serial) || serial < 1) {
            return Optional.empty();
        }
        return Optional.of(DateUtil.getLocalDateTime(serial, date1904).toLocalDate());
    }

    /** ISO {@code 2019-06-17}, UK {@code 17/06/2019}, {@code 17 Jun 2019}; a trailing time is ignored. */
    static Optional<LocalDate> fromText(String text) {
        String t = text.trim();
        int space = t.indexOf(' ');
        if (t.length() > 10 && t.charAt(4) == '-' && (space == 10 || t.charAt(10) == 'T')) {
            t = t.substring(0, 10);
        } else if (t.matches("\\d{1,2}/\\d{1,2}/\\d{4} .*")) {
            t = t.substring(0, space);
        }
        for (DateTimeFormatter f : TEXT_FORMS) {
            try {
                return Optional.of(LocalDate.parse(t, f));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    /** ODS dates: {@code 20171001}. */
    static Optional<LocalDate> fromYyyymmdd(String text) {
        String t = text.trim();
        if (!t.matches("\\d{8}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
