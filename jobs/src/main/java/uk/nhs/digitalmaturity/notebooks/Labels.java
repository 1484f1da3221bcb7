package uk.nhs.digitalmaturity.notebooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How codes read in the charts: the report's wording where it has one, else the code in sentence case. */
public final class Labels {
    /** Figure 10's first row: NO_RESPONSE and NOT_APPLICABLE together. */
    public static final String NO_RESPONSE_OR_NA = "No response or not applicable";

    /** An answer code, its label and its place in the report's charts (lowest first). */
    public record Answer(String code, String label, int order) {
    }

    /** Every answer of the DMA scales the figures use, in the report's order. */
    public static final List<Answer> ANSWERS = List.of(
            new Answer("NO_RESPONSE", "No response", 1),
            new Answer("NOT_APPLICABLE", "Not applicable", 2),
            new Answer("DONT_KNOW", "Don't know", 3),
            new Answer("DISAGREE_COMPLETELY", "Disagree completely", 4),
            new Answer("SOMEWHAT_DISAGREE", "Somewhat disagree", 5),
            new Answer("NEITHER", "Neither agree or disagree", 6),
            new Answer("MOSTLY_AGREE", "Mostly agree", 7),
            new Answer("AGREE_COMPLETELY", "Agree completely", 8),
            new Answer("PCT_0_50", "0-50%", 11),
            new Answer("PCT_51_75", "51-75%", 12),
            new Answer("PCT_76_80", "76-80%", 13),
            new Answer("PCT_81_85", "81-85%", 14),
            new Answer("PCT_86_90", "86-90%", 15),
            new Answer("PCT_91_95", "91-95%", 16),
            new Answer("PCT_96_100", "96-100%", 17));

    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("RELIABLE", "Records are reliable");
        NAMES.put("RECORDED_ONCE", "Recorded once");
        NAMES.put("VIEW_SHARED", "Can view shared record");
        NAMES.put("CONTRIBUTE_SHARED", "Can contribute to shared record");
        NAMES.put("SNOMED_CT", "SNOMED CT");
        NAMES.put("DMD", "dm+d");
        NAMES.put("GS1", "GS1");
        NAMES.put("PRSB_HEADINGS", "PRSB headings");
        NAMES.put("NHS_NUMBER", "NHS number");
        NAMES.put("GLOBAL_DIGITAL_EXEMPLAR", "Global Digital Exemplars");
        NAMES.put("FAST_FOLLOWER", "Fast followers");
        NAMES.put("DIGITAL_ASPIRANT", "Digital aspirants");
        NAMES.put("NOT_SCORED", "Not scored");
        for (Answer a : ANSWERS) {
            NAMES.put(a.code(), a.label());
        }
    }

    private Labels() {
    }

    /** The label of a code: a known name, else the code in sentence case ({@code MENTAL_HEALTH} → Mental health). */
    public static String of(Object code) {
        if (code == null) {
            return "(none)";
        }
        String c = code.toString();
        String known = NAMES.get(c);
        if (known != null) {
            return known;
        }
        if (!c.equals(c.toUpperCase(Locale.ROOT))) {
            return c;
        }
        String words = c.replace('_', ' ').toLowerCase(Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
