package uk.nhs.digitalmaturity.importer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DSPT publication status labels to the contract's enum. Labels are trimmed and matched case-insensitively; a
 * toolkit-year suffix such as {@code (19-20)} (an organisation that has already published for the next year) is
 * removed before matching and reported. A blank label is {@code NOT_PUBLISHED}.
 */
final class DsptStatuses {
    static final String NOT_PUBLISHED = "NOT_PUBLISHED";

    /** Published label (lower case, single spaces) to contract status, in the order documented. */
    static final Map<String, String> LABELS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("standards exceeded", "STANDARDS_EXCEEDED");
        m.put("standards met", "STANDARDS_MET");
        m.put("standards not fully met (plan agreed)", "PLAN_AGREED");
        m.put("approaching standards", "APPROACHING_STANDARDS");
        m.put("standards not met", "STANDARDS_NOT_MET");
        m.put("entry level", "ENTRY_LEVEL");
        m.put("interim submitted", "INTERIM_SUBMITTED");
        LABELS = java.util.Collections.unmodifiableMap(m);
    }

    private static final Pattern YEAR_SUFFIX = Pattern.compile("^(.*?)\\s*\\((\\d{2})-(\\d{2})\\)$");

    /** The mapped status and the toolkit-year suffix it carried, if any. */
    record Mapped(String status, Optional<String> yearSuffix) {
    }

    private DsptStatuses() {
    }

    /** Empty when the label is not known. */
    static Optional<Mapped> map(String label) {
        String l = label.replace('\u00A0', ' ').trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (l.isEmpty()) {
            return Optional.of(new Mapped(NOT_PUBLISHED, Optional.empty()));
        }
        Optional<String> suffix = Optional.empty();
        Matcher m = YEAR_SUFFIX.matcher(l);
        if (m.matches() && !LABELS.containsKey(l)) {
            l = m.group(1).trim();
            suffix = Optional.of("(" + m.group(2) + "-" + m.group(3) + ")");
        }
        String status = LABELS.get(l);
        return status == null ? Optional.empty() : Optional.of(new Mapped(status, suffix));
    }
}
