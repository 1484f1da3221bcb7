package uk.nhs.digitalmaturity.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer scales of the digital maturity assessment with NHS England's published scoring. Options are listed
 * in published chart order (their ordinal); answers that carry no score have a null score.
 */
final class DmaAnswerScales {
    static final String AGREEMENT = "AGREEMENT";
    static final String PERCENT_BAND = "PERCENT_BAND";
    static final String STRUCTURE = "STRUCTURE";
    static final String NHS_NUMBER_USE = "NHS_NUMBER_USE";
    static final String YES_NO = "YES_NO";

    record Option(String scale, String code, String label, Integer score, int ordinal) {
    }

    private static final Map<String, List<Option>> SCALES = new LinkedHashMap<>();

    static {
        scale(AGREEMENT,
                "NOT_APPLICABLE", "Not applicable", null,
                "DONT_KNOW", "Don't know", null,
                "DISAGREE_COMPLETELY", "Disagree completely", 0,
                "SOMEWHAT_DISAGREE", "Somewhat disagree", 25,
                "NEITHER", "Neither agree or disagree", 50,
                "MOSTLY_AGREE", "Mostly agree", 75,
                "AGREE_COMPLETELY", "Agree completely", 100);
        scale(PERCENT_BAND,
                "DONT_KNOW", "Don't know", null,
                "PCT_0", "0%", 0,
                "PCT_1_20", "1-20%", 20,
                "PCT_21_40", "21-40%", 40,
                "PCT_41_60", "41-60%", 60,
                "PCT_61_80", "61-80%", 80,
                "PCT_81_100", "81-100%", 100);
        scale(STRUCTURE,
                "UNSTRUCTURED", "Unstructured", 0,
                "SEMI_STRUCTURED", "Semi-structured", 50,
                "FULLY_STRUCTURED", "Fully structured", 100);
        scale(NHS_NUMBER_USE,
                "PCT_0_50", "0-50%", 0,
                "PCT_51_75", "51-75%", 17,
                "PCT_76_80", "76-80%", 35,
                "PCT_81_85", "81-85%", 52,
                "PCT_86_90", "86-90%", 70,
                "PCT_91_95", "91-95%", 87,
                "PCT_96_100", "96-100%", 100);
        scale(YES_NO,
                "NO", "No", 0,
                "YES", "Yes", 100);
    }

    private DmaAnswerScales() {
    }

    private static void scale(String name, Object... triples) {
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < triples.length; i += 3) {
            options.add(new Option(name, (String) triples[i], (String) triples[i + 1], (Integer) triples[i + 2],
                    i / 3 + 1));
        }
        SCALES.put(name, List.copyOf(options));
    }

    static List<Option> options(String scale) {
        List<Option> options = SCALES.get(scale);
        if (options == null) {
            throw new IllegalArgumentException("unknown answer scale " + scale);
        }
        return options;
    }

    /** The scored options of a scale, lowest score first. */
    static List<Option> scored(String scale) {
        return options(scale).stream().filter(o -> o.score() != null).toList();
    }

    static Option option(String scale, String code) {
        for (Option o : options(scale)) {
            if (o.code().equals(code)) {
                return o;
            }
        }
        throw new IllegalArgumentException(scale + " has no answer " + code);
    }

    static List<Option> all() {
        List<Option> all = new ArrayList<>();
        SCALES.values().forEach(all::addAll);
        return all;
    }
}
