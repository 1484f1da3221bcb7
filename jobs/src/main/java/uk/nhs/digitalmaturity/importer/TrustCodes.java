package uk.nhs.digitalmaturity.importer;

import java.util.Locale;

/**
 * NHS trusts by the shape of their ODS code: three characters, the first {@code R} or {@code T}
 * (e.g. {@code RGT}, {@code TAJ}). Five-character codes beginning with a trust code are that trust's sites;
 * CCGs have codes like {@code 00J} or {@code 15F}; GP practices and other bodies have longer codes.
 */
public final class TrustCodes {
    private TrustCodes() {
    }

    /** Trimmed and upper-cased, as ODS codes are compared. */
    public static String normalise(String code) {
        return code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
    }

    public static boolean isTrustCode(String code) {
        String c = normalise(code);
        return c.length() == 3 && (c.charAt(0) == 'R' || c.charAt(0) == 'T') && c.matches("[A-Z0-9]{3}");
    }
}
