package uk.nhs.digitalmaturity.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.LandingTable;
import uk.nhs.digitalmaturity.landing.LandingWriter;

/**
 * The 2019-20 GP digital maturity survey ({@code gp/gp_dma_questions.csv}, {@code gp/dma_answer_scales.csv},
 * {@code gp/gp_dma_responses.csv}), modelled on paragraph 1.21 of the NAO report: of the 6,648 practices surveyed,
 * 44% had remote access to clinical systems from patients' homes, 13% had completely digitised their legacy paper
 * records, and so on (see {@link #QUESTIONS}).
 *
 * <p>Practice-level answers were never published, so every answer is modelled; the report's shares are exact. For
 * each question exactly round(share x 6,648) practices give the YES (or COMPLETELY) answer, so each share rounds to
 * the published whole per cent. Which practices: the most mature by a latent practice maturity plus noise per
 * question, so the answers are correlated as one would expect (a practice with video consultations usually also
 * has telephone consultations and remote access) without any published correlation to calibrate on.
 */
final class GpSurvey {
    static final String YEAR = "2019-20";
    /** The report's survey base. */
    static final int RESPONDING = 6_648;
    static final String YES_NO = "YES_NO";
    static final String DIGITISED = "DIGITISED";
    /** Partially digitised is not published: a modelled 60% of practices, the rest not started. */
    static final int PARTIALLY_DIGITISED_PCT = 60;

    /** A question and the published whole per cent giving its first (YES / COMPLETELY) answer. */
    record Question(String id, String topic, String scale, String text, int publishedPct) {
        String topAnswer() {
            return scale.equals(DIGITISED) ? "COMPLETELY" : "YES";
        }

        /** round(share x responding), half up, in integers so that no floating point decides a count. */
        int topCount() {
            return (publishedPct * RESPONDING + 50) / 100;
        }
    }

    static final List<Question> QUESTIONS = List.of(
            new Question("GP01", "REMOTE_WORKING", YES_NO,
                    "Can clinicians access the practice's clinical systems remotely from patients' homes?", 44),
            new Question("GP02", "RECORDS", DIGITISED,
                    "How far has the practice digitised its legacy paper patient records?", 13),
            new Question("GP03", "CONSULTATIONS", YES_NO,
                    "Does the practice offer telephone consultations to patients?", 90),
            new Question("GP04", "CONSULTATIONS", YES_NO,
                    "Does the practice offer video consultations to patients?", 5),
            new Question("GP05", "CONSULTATIONS", YES_NO,
                    "Does the practice offer telephone consultations to nursing homes?", 70),
            new Question("GP06", "CONSULTATIONS", YES_NO,
                    "Does the practice offer video consultations to nursing homes?", 2),
            new Question("GP07", "SHARING", YES_NO,
                    "Can other local providers access the practice's patient records?", 57),
            new Question("GP08", "SHARING", YES_NO,
                    "Can the practice access other local providers' systems?", 42),
            new Question("GP09", "SOCIAL_CARE", YES_NO,
                    "Does the practice share patient records with social care?", 23),
            new Question("GP10", "SOCIAL_CARE", YES_NO,
                    "Can the practice access social care systems?", 17));

    /** answer_scale, answer_code, label, ordinal; no answer carries a score (none was published). */
    private static final String[][] SCALES = {
        {YES_NO, "YES", "Yes", "1"},
        {YES_NO, "NO", "No", "2"},
        {DIGITISED, "COMPLETELY", "Completely digitised", "1"},
        {DIGITISED, "PARTIALLY", "Partially digitised", "2"},
        {DIGITISED, "NOT_STARTED", "Not started", "3"},
    };

    private final Map<String, Double> maturity = new TreeMap<>();
    private final Set<String> respondents = new TreeSet<>();
    /** practice → question id → answer code. */
    private final Map<String, Map<String, String>> answers = new TreeMap<>();

    GpSurvey(GpPractices practices, long seed) {
        Rng rng = Rng.of(seed, "gp-survey");
        // the practices open during 2019-20 are those open on 30 April 2020 (GpPractices: none opened in the year)
        List<String> open = practices.openOn(LocalDate.of(2020, 4, 30));
        for (String code : open) {
            maturity.put(code, rng.normal());
        }
        // the practices that close in September 2020 all answer, so the file has responses of a practice closed by
        // the reporting date; the others are drawn at random
        List<String> others = new ArrayList<>(open);
        others.removeAll(practices.closingLater());
        rng.shuffle(others);
        respondents.addAll(practices.closingLater());
        respondents.addAll(others.subList(0, RESPONDING - respondents.size()));

        for (Question q : QUESTIONS) {
            Map<String, Double> key = new TreeMap<>();
            for (String code : respondents) {
                key.put(code, maturity.get(code) + rng.normal());
            }
            List<String> ranked = new ArrayList<>(respondents);
            ranked.sort(Comparator.comparing((String c) -> key.get(c)).reversed().thenComparing(c -> c));
            int top = q.topCount();
            int partially = (PARTIALLY_DIGITISED_PCT * RESPONDING + 50) / 100;
            for (int i = 0; i < ranked.size(); i++) {
                String answer;
                if (i < top) {
                    answer = q.topAnswer();
                } else if (q.scale().equals(YES_NO)) {
                    answer = "NO";
                } else {
                    answer = i < top + partially ? "PARTIALLY" : "NOT_STARTED";
                }
                answers.computeIfAbsent(ranked.get(i), k -> new TreeMap<>()).put(q.id(), answer);
            }
        }
    }

    /** Latent maturity of every practice open during 2019-20 (standard normal). */
    Map<String, Double> maturity() {
        return maturity;
    }

    void write(LandingWriter out) {
        try (LandingTable t = out.table(Source.GP_DMA_ANSWER_SCALES, SnapshotPlan.GP)) {
            for (String[] s : SCALES) {
                t.row(s[0], s[1], s[2], "", s[3]);
            }
        }
        try (LandingTable t = out.table(Source.GP_DMA_QUESTIONS, SnapshotPlan.GP)) {
            for (Question q : QUESTIONS) {
                t.row(YEAR, q.id(), q.topic(), q.scale(), q.text());
            }
        }
        try (LandingTable t = out.table(Source.GP_DMA_RESPONSES, SnapshotPlan.GP)) {
            answers.forEach((code, byQuestion) -> byQuestion.forEach((id, answer) -> t.row(YEAR, code, id, answer)));
        }
    }
}
