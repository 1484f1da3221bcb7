package uk.nhs.digitalmaturity.importer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.digitalmaturity.contract.DsptStatus;

/**
 * A DSPT publication's status label to the contract's {@link DsptStatus}. Labels are trimmed and matched
 * case-insensitively; a toolkit-year suffix such as {@code (19-20)} (an organisation that has already published
 * for the next year) is removed before matching and reported. A blank label is {@code NOT_PUBLISHED}.
 */
final class DsptStatusLabels {
    /**
     * Published label (lower case, single spaces) to status, in publication order: the statuses of a returned
     * assessment, as the one that was not returned is printed blank.
     */
    static final Map<String, DsptStatus> LABELS;

    static {
        Map<String, DsptStatus> m = new LinkedHashMap<>();
        for (DsptStatus status : DsptStatus.values()) {
            if (status.returned()) {
                m.put(status.label().toLowerCase(Locale.ROOT), status);
            }
        }
        LABELS = Collections.unmodifiableMap(m);
    }

    private static final Pattern YEAR_SUFFIX = Pattern.compile("^(.*?)\\s*\\((\\d{2})-(\\d{2})\\)$");

    /** The mapped status and the toolkit-year suffix it carried, if any. */
    record Mapped(DsptStatus status, Optional<String> yearSuffix) {
    }

    private DsptStatusLabels() {
    }

    /** Empty when the label is not known. */
    static Optional<Mapped> map(String label) {
        String l = label.replace('\u00A0', ' ').trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (l.isEmpty()) {
            return Optional.of(new Mapped(DsptStatus.NOT_PUBLISHED, Optional.empty()));
        }
        Optional<String> suffix = Optional.empty();
        Matcher m = YEAR_SUFFIX.matcher(l);
        if (m.matches() && !LABELS.containsKey(l)) {
            l = m.group(1).trim();
            suffix = Optional.of("(" + m.group(2) + "-" + m.group(3) + ")");
        }
        DsptStatus status = LABELS.get(l);
        return status == null ? Optional.empty() : Optional.of(new Mapped(status, suffix));
    }
}
