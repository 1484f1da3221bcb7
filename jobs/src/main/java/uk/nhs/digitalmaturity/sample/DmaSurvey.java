package uk.nhs.digitalmaturity.sample;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.LandingTable;
import uk.nhs.digitalmaturity.landing.LandingWriter;

/**
 * The 2016 and 2017 digital maturity assessments: questions, answer scales and each responding trust's answers.
 *
 * <p>Trust-level answers were never published, so they are modelled, and built to land on the NAO figures: the
 * number of trusts in each theme band each year (Figure 4) and the exact number of trusts giving each answer to
 * the tagged questions (Figures 9 and 10, paragraphs 2.6 and 4.15), chosen so that every published percentage is
 * reproduced by rounding half-up and sits as close as possible to the exact fraction. Trusts keep a latent
 * maturity across years and themes, so a trust that is high on capability tends to answer the records and
 * standards questions well.
 *
 * <p>In 2017 a few questions were asked of some sectors only ({@link DmaQuestionBank}): a trust is given answers
 * only to the questions asked of its sector (as the latest ODS snapshot lists it), and its theme targets are
 * reached on those questions alone, so the pipeline's rule (a question not asked of a trust is out of its score)
 * gives the published bands.
 *
 * <p>The 2016 respondents are the 238 trusts ODS lists as open at 31 March 2016; in 2017 the 232 trusts open at
 * 30 June 2017 less two that ODS still lists but that no longer operated (Mid Staffordshire, Liverpool Community
 * Health).
 */
final class DmaSurvey {
    static final Map<Integer, LocalDate> SURVEY_DATE = Map.of(2016, LocalDate.of(2016, 3, 31),
            2017, LocalDate.of(2017, 6, 30));
    static final List<Integer> YEARS = List.of(2016, 2017);
    static final Set<String> NOT_RESPONDING_2017 = Set.of("RJD", "RY1");
    static final String NO_RESPONSE = "NO_RESPONSE";

    /** Trusts per band (LOW, MEDIUM, HIGH) by year and theme. */
    private static final Map<Integer, Map<String, int[]>> BANDS = Map.of(
            2016, Map.of(DmaQuestionBank.READINESS, new int[] {20, 63, 155},
                    DmaQuestionBank.CAPABILITY, new int[] {68, 150, 20},
                    DmaQuestionBank.INFRASTRUCTURE, new int[] {22, 116, 100}),
            2017, Map.of(DmaQuestionBank.READINESS, new int[] {6, 33, 193},
                    DmaQuestionBank.CAPABILITY, new int[] {37, 165, 30},
                    DmaQuestionBank.INFRASTRUCTURE, new int[] {10, 94, 128}));

    /**
     * How many trusts give each answer to each tagged question: special answers first (no response, not
     * applicable, don't know), then scored answers from worst to best.
     */
    private static final Map<Integer, Map<String, Object[]>> TAGGED = new TreeMap<>();

    static {
        Map<String, Object[]> y2016 = new LinkedHashMap<>();
        y2016.put("GOVERNANCE:BOARD_SPONSOR", new Object[] {NO_RESPONSE, 2, "NO", 19, "YES", 217});
        y2016.put("GOVERNANCE:CLINICAL_LEADERSHIP", agreement(2, 0, 2, 5, 15, 38, 110, 66));
        y2016.put("SHARING:STRUCTURED_SHARE", percent(2, 6, 10, 45, 50, 55, 45, 25));
        y2016.put("STANDARD:SNOMED_CT", agreement(3, 3, 4, 95, 62, 45, 20, 6));
        y2016.put("STANDARD:DMD", agreement(3, 3, 8, 40, 45, 62, 55, 22));
        y2016.put("STANDARD:GS1", agreement(3, 2, 8, 80, 62, 55, 22, 6));
        y2016.put("STANDARD:PALLIATIVE_CARE", agreement(3, 4, 6, 35, 40, 55, 70, 25));
        y2016.put("STANDARD:PRSB_HEADINGS", agreement(3, 3, 6, 60, 55, 60, 40, 11));
        y2016.put("STANDARD_USE:NHS_NUMBER", nhsNumber(3, 3, 6, 5, 9, 15, 40, 157));
        y2016.put("RECORDS:RELIABLE", agreement(3, 3, 1, 20, 40, 56, 75, 40));
        y2016.put("RECORDS:RECORDED_ONCE", agreement(3, 3, 1, 25, 48, 55, 82, 21));
        y2016.put("RECORDS:VIEW_SHARED", agreement(3, 4, 1, 100, 55, 40, 28, 7));
        y2016.put("RECORDS:CONTRIBUTE_SHARED", agreement(3, 4, 1, 125, 50, 30, 20, 5));
        TAGGED.put(2016, y2016);

        Map<String, Object[]> y2017 = new LinkedHashMap<>();
        // paragraph 2.6: 98% board sponsor (227/232 = 97.8%), 89% strong clinical leadership (206/232 = 88.8%)
        y2017.put("GOVERNANCE:BOARD_SPONSOR", new Object[] {NO_RESPONSE, 1, "NO", 4, "YES", 227});
        y2017.put("GOVERNANCE:CLINICAL_LEADERSHIP", agreement(2, 0, 0, 2, 6, 16, 111, 95));
        // paragraph 4.15: 39% share more than 60% in structured form (90/232 = 38.8%)
        y2017.put("SHARING:STRUCTURED_SHARE", percent(2, 5, 8, 35, 42, 50, 52, 38));
        // Figure 9: SNOMED CT 15% (35), GS1 19% (44), palliative care 51% (118); NHS number 75% (174) and 16% (37)
        y2017.put("STANDARD:SNOMED_CT", agreement(2, 2, 3, 80, 62, 48, 26, 9));
        y2017.put("STANDARD:DMD", agreement(2, 3, 7, 25, 35, 60, 70, 30));
        y2017.put("STANDARD:GS1", agreement(4, 4, 10, 55, 55, 60, 32, 12));
        y2017.put("STANDARD:PALLIATIVE_CARE", agreement(3, 5, 6, 20, 30, 50, 78, 40));
        // the fifth agreement standard of Figure 9, which the report does not name: modelled (PROVENANCE.md)
        y2017.put("STANDARD:PRSB_HEADINGS", agreement(2, 3, 5, 45, 50, 62, 50, 15));
        y2017.put("STANDARD_USE:NHS_NUMBER", nhsNumber(3, 1, 3, 2, 4, 8, 37, 174));
        // Figure 10 (no response + not applicable, don't know, disagree completely ... agree completely)
        y2017.put("RECORDS:RELIABLE", agreement(2, 3, 0, 16, 35, 51, 74, 51));
        y2017.put("RECORDS:RECORDED_ONCE", agreement(2, 2, 0, 18, 39, 49, 92, 30));
        y2017.put("RECORDS:VIEW_SHARED", agreement(2, 3, 0, 84, 51, 42, 40, 10));
        y2017.put("RECORDS:CONTRIBUTE_SHARED", agreement(2, 2, 0, 109, 51, 34, 30, 4));
        TAGGED.put(2017, y2017);
    }

    private static Object[] agreement(int noResponse, int notApplicable, int dontKnow, int... fromWorst) {
        return new Object[] {NO_RESPONSE, noResponse, "NOT_APPLICABLE", notApplicable, "DONT_KNOW", dontKnow,
            "DISAGREE_COMPLETELY", fromWorst[0], "SOMEWHAT_DISAGREE", fromWorst[1], "NEITHER", fromWorst[2],
            "MOSTLY_AGREE", fromWorst[3], "AGREE_COMPLETELY", fromWorst[4]};
    }

    private static Object[] percent(int noResponse, int dontKnow, int... fromWorst) {
        return new Object[] {NO_RESPONSE, noResponse, "DONT_KNOW", dontKnow, "PCT_0", fromWorst[0],
            "PCT_1_20", fromWorst[1], "PCT_21_40", fromWorst[2], "PCT_41_60", fromWorst[3],
            "PCT_61_80", fromWorst[4], "PCT_81_100", fromWorst[5]};
    }

    private static Object[] nhsNumber(int noResponse, int... fromWorst) {
        return new Object[] {NO_RESPONSE, noResponse, "PCT_0_50", fromWorst[0], "PCT_51_75", fromWorst[1],
            "PCT_76_80", fromWorst[2], "PCT_81_85", fromWorst[3], "PCT_86_90", fromWorst[4],
            "PCT_91_95", fromWorst[5], "PCT_96_100", fromWorst[6]};
    }

    private static final Set<String> SPECIAL = Set.of(NO_RESPONSE, "NOT_APPLICABLE", "DONT_KNOW");

    /** The trust whose three answers are corrected in {@link SnapshotPlan#DMA_CORRECTION}. */
    static final String CORRECTED_TRUST = "RTH";
    static final int CORRECTED_YEAR = 2017;

    record Response(int year, String org, String questionId, String answer) {
    }

    private final OrganisationHistory orgs;
    private final long seed;
    private final List<DmaQuestionBank.Question> bank = DmaQuestionBank.questions();
    /** year → question weights in bank order. */
    private final Map<Integer, BigDecimal[]> weights = new TreeMap<>();
    /** year → org → answer code per question in bank order (null = no row). */
    private final Map<Integer, Map<String, String[]>> answers = new TreeMap<>();
    private final List<Response> superseded = new ArrayList<>();
    /** org → the trust's latent digital maturity, shared by its themes and years (and the programmes' selection). */
    private final Map<String, Double> maturity = new TreeMap<>();

    DmaSurvey(OrganisationHistory orgs, long seed) {
        this.orgs = orgs;
        this.seed = seed;
        drawWeights();
        Rng latentRng = Rng.of(seed, "dma-maturity");
        for (String code : orgs.codes()) {
            maturity.put(code, latentRng.normal());
        }
        for (int year : YEARS) {
            answers.put(year, answerYear(year, maturity));
        }
        prepareCorrection();
    }

    Map<String, Double> maturity() {
        return java.util.Collections.unmodifiableMap(maturity);
    }

    static String questionId(int year, int index) {
        String n = Integer.toString(index + 1);
        return year + "-Q" + "0".repeat(3 - n.length()) + n;
    }

    List<String> respondents(int year) {
        List<String> out = new ArrayList<>();
        for (String code : orgs.openOn(SURVEY_DATE.get(year))) {
            if (year == 2017 && NOT_RESPONDING_2017.contains(code)) {
                continue;
            }
            out.add(code);
        }
        return out;
    }

    private void drawWeights() {
        Rng rng = Rng.of(seed, "dma-weights");
        String[] choices = {"0.5", "1.0", "1.0", "1.0", "1.5", "2.0"};
        BigDecimal[] y2016 = new BigDecimal[bank.size()];
        BigDecimal[] y2017 = new BigDecimal[bank.size()];
        for (int i = 0; i < bank.size(); i++) {
            DmaQuestionBank.Question q = bank.get(i);
            boolean fixed = q.tagged() || q.theme().equals(DmaQuestionBank.NONE);
            y2016[i] = new BigDecimal(fixed ? "1.0" : choices[rng.nextInt(choices.length)]);
            // the 2017 survey re-weighted about one question in ten
            y2017[i] = !fixed && rng.chance(0.1) ? new BigDecimal(choices[rng.nextInt(choices.length)]) : y2016[i];
        }
        weights.put(2016, y2016);
        weights.put(2017, y2017);
    }

    private Map<String, String[]> answerYear(int year, Map<String, Double> maturity) {
        Rng rng = Rng.of(seed, "dma-answers-" + year);
        List<String> trusts = respondents(year);
        int expected = year == 2016 ? 238 : 232;
        if (trusts.size() != expected) {
            throw new IllegalStateException(year + " survey: " + trusts.size() + " respondents, expected " + expected);
        }
        Map<String, String[]> byTrust = new TreeMap<>();
        for (String t : trusts) {
            byTrust.put(t, new String[bank.size()]);
        }
        // theme latents: a trust's general maturity plus theme- and year-specific variation
        Map<String, Map<String, Double>> latent = new TreeMap<>();
        for (String theme : DmaQuestionBank.SCORED_THEMES) {
            Map<String, Double> l = new TreeMap<>();
            for (String t : trusts) {
                l.put(t, 0.75 * maturity.get(t) + 0.66 * rng.normal());
            }
            latent.put(theme, l);
        }
        // tagged questions: exact answer counts
        Map<String, Object[]> specs = TAGGED.get(year);
        for (int qi = 0; qi < bank.size(); qi++) {
            DmaQuestionBank.Question q = bank.get(qi);
            if (!q.tagged()) {
                continue;
            }
            Object[] spec = specs.get(q.topic());
            if (spec == null) {
                throw new IllegalStateException("no answer counts for " + q.topic());
            }
            if (!q.sectors(year).isEmpty()) {
                // the published shares are of all responding trusts: a tagged question is asked of every sector
                throw new IllegalStateException(q.topic() + " is asked of some sectors only");
            }
            assignTagged(rng, qi, q, spec, trusts, latent.get(q.theme()), byTrust);
        }
        // theme targets by band, then the untagged answers that reach them
        for (String theme : DmaQuestionBank.SCORED_THEMES) {
            Map<String, Double> target = targets(rng, BANDS.get(year).get(theme), trusts, latent.get(theme));
            for (String t : trusts) {
                answerTheme(rng, year, theme, sector(t), target.get(t), byTrust.get(t));
            }
        }
        for (String t : trusts) {
            String[] a = byTrust.get(t);
            for (int qi = 0; qi < bank.size(); qi++) {
                if (bank.get(qi).theme().equals(DmaQuestionBank.NONE) && bank.get(qi).askedOf(year, sector(t))) {
                    List<DmaAnswerScales.Option> options = DmaAnswerScales.options(bank.get(qi).answerScale());
                    a[qi] = options.get(rng.nextInt(options.size())).code();
                }
            }
        }
        return byTrust;
    }

    private static void assignTagged(Rng rng, int qi, DmaQuestionBank.Question q, Object[] spec,
                                     List<String> trusts, Map<String, Double> latent, Map<String, String[]> out) {
        int total = 0;
        for (int i = 1; i < spec.length; i += 2) {
            total += (Integer) spec[i];
        }
        if (total != trusts.size()) {
            throw new IllegalStateException(q.topic() + ": answer counts add up to " + total + ", not "
                    + trusts.size());
        }
        List<String> pool = new ArrayList<>(trusts);
        rng.shuffle(pool);
        int next = 0;
        // special answers go to trusts at random
        for (int i = 0; i < spec.length; i += 2) {
            String code = (String) spec[i];
            if (SPECIAL.contains(code)) {
                for (int n = 0; n < (Integer) spec[i + 1]; n++) {
                    String trust = pool.get(next++);
                    out.get(trust)[qi] = code.equals(NO_RESPONSE) ? null : code;
                }
            }
        }
        // scored answers from worst to best, to trusts ordered by their theme maturity (with noise)
        List<String> rest = new ArrayList<>(pool.subList(next, pool.size()));
        Map<String, Double> key = new TreeMap<>();
        for (String t : rest) {
            key.put(t, latent.get(t) + 0.8 * rng.normal());
        }
        rest.sort(Comparator.comparing(key::get));
        int k = 0;
        for (int i = 0; i < spec.length; i += 2) {
            String code = (String) spec[i];
            if (!SPECIAL.contains(code)) {
                DmaAnswerScales.option(q.answerScale(), code); // must exist
                for (int n = 0; n < (Integer) spec[i + 1]; n++) {
                    out.get(rest.get(k++))[qi] = code;
                }
            }
        }
    }

    /** A target theme score per trust: bands by latent rank, then a score well inside the band. */
    private static Map<String, Double> targets(Rng rng, int[] bands, List<String> trusts, Map<String, Double> latent) {
        if (bands[0] + bands[1] + bands[2] != trusts.size()) {
            throw new IllegalStateException("band counts do not add up to " + trusts.size());
        }
        List<String> ranked = new ArrayList<>(trusts);
        ranked.sort(Comparator.comparing(latent::get));
        Map<String, Double> target = new TreeMap<>();
        double[][] ranges = {{16, 36}, {45, 64}, {74, 90}};
        int start = 0;
        for (int b = 0; b < 3; b++) {
            for (int i = 0; i < bands[b]; i++) {
                double position = bands[b] == 1 ? 0.5 : i / (double) (bands[b] - 1);
                double t = ranges[b][0] + position * (ranges[b][1] - ranges[b][0]) + rng.uniform(-1, 1);
                target.put(ranked.get(start + i), Math.max(ranges[b][0], Math.min(ranges[b][1], t)));
            }
            start += bands[b];
        }
        return target;
    }

    /** The trust's sector as the latest organisations snapshot lists it (what the pipeline reads today). */
    private String sector(String code) {
        return orgs.latest(code).sector();
    }

    /**
     * Answers a trust's untagged questions in one theme so that its theme score lands within 0.8 of target. Only
     * the questions asked of the trust's sector count, and only they are answered (no row for the others).
     */
    private void answerTheme(Rng rng, int year, String theme, String sector, double target, String[] a) {
        BigDecimal[] w = weights.get(year);
        List<Integer> themeQuestions = new ArrayList<>();
        List<Integer> adjustable = new ArrayList<>();
        for (int qi = 0; qi < bank.size(); qi++) {
            if (bank.get(qi).theme().equals(theme) && bank.get(qi).askedOf(year, sector)) {
                themeQuestions.add(qi);
                if (!bank.get(qi).tagged()) {
                    adjustable.add(qi);
                }
            }
        }
        for (int qi : adjustable) {
            String scale = bank.get(qi).answerScale();
            List<DmaAnswerScales.Option> scored = DmaAnswerScales.scored(scale);
            double u = rng.uniform();
            if (u < 0.004) {
                a[qi] = null; // left unanswered
            } else if (u < 0.016 && hasOption(scale, "DONT_KNOW")) {
                a[qi] = "DONT_KNOW";
            } else if (u < 0.024 && hasOption(scale, "NOT_APPLICABLE")) {
                a[qi] = "NOT_APPLICABLE";
            } else {
                double aim = target + 25 * rng.normal();
                DmaAnswerScales.Option best = scored.get(0);
                for (DmaAnswerScales.Option o : scored) {
                    if (Math.abs(o.score() - aim) < Math.abs(best.score() - aim)) {
                        best = o;
                    }
                }
                a[qi] = best.code();
            }
        }
        double score = score(year, themeQuestions, a);
        for (int iteration = 0; Math.abs(score - target) > 0.8 && iteration < 50_000; iteration++) {
            int qi = adjustable.get(rng.nextInt(adjustable.size()));
            if (a[qi] == null) {
                continue;
            }
            String scale = bank.get(qi).answerScale();
            DmaAnswerScales.Option current = DmaAnswerScales.option(scale, a[qi]);
            if (current.score() == null) {
                continue;
            }
            List<DmaAnswerScales.Option> scored = DmaAnswerScales.scored(scale);
            int position = scored.indexOf(current) + (score < target ? 1 : -1);
            if (position < 0 || position >= scored.size()) {
                continue;
            }
            double step = w[qi].doubleValue() * (scored.get(position).score() - current.score())
                    / totalWeight(w, themeQuestions);
            if (Math.abs(score + step - target) > Math.abs(score - target) + 0.8) {
                continue; // would overshoot
            }
            a[qi] = scored.get(position).code();
            score = score(year, themeQuestions, a);
        }
        String band = band(score);
        String wanted = band(target);
        if (!band.equals(wanted) || (score > 38.5 && score < 41) || (score > 68 && score < 70.5)) {
            throw new IllegalStateException(year + " " + theme + ": could not reach a " + wanted
                    + " score (target " + target + ", reached " + score + ")");
        }
    }

    private static boolean hasOption(String scale, String code) {
        return DmaAnswerScales.options(scale).stream().anyMatch(o -> o.code().equals(code));
    }

    private static double totalWeight(BigDecimal[] w, List<Integer> questions) {
        double sum = 0;
        for (int qi : questions) {
            sum += w[qi].doubleValue();
        }
        return sum;
    }

    /** Σ weight × score / Σ weight; unanswered and unscored answers count 0 and stay in the denominator. */
    private double score(int year, List<Integer> questions, String[] a) {
        BigDecimal[] w = weights.get(year);
        double numerator = 0;
        double denominator = 0;
        for (int qi : questions) {
            denominator += w[qi].doubleValue();
            if (a[qi] != null) {
                Integer s = DmaAnswerScales.option(bank.get(qi).answerScale(), a[qi]).score();
                if (s != null) {
                    numerator += w[qi].doubleValue() * s;
                }
            }
        }
        return numerator / denominator;
    }

    static String band(double score) {
        return score < 40 ? "LOW" : score <= 69 ? "MEDIUM" : "HIGH";
    }

    /**
     * The back-fill snapshot carries three answers of {@link #CORRECTED_TRUST} as first submitted; the correction
     * snapshot carries the corrected (final, calibrated) answers. Only infrastructure questions answered on the
     * agreement scale are touched, and only by one step, so the published figures do not depend on the correction.
     */
    private void prepareCorrection() {
        String[] finalAnswers = answers.get(CORRECTED_YEAR).get(CORRECTED_TRUST);
        for (int qi = 0; qi < bank.size() && superseded.size() < 3; qi++) {
            DmaQuestionBank.Question q = bank.get(qi);
            if (q.tagged() || !q.theme().equals(DmaQuestionBank.INFRASTRUCTURE)
                    || !q.answerScale().equals(DmaAnswerScales.AGREEMENT) || finalAnswers[qi] == null) {
                continue;
            }
            DmaAnswerScales.Option now = DmaAnswerScales.option(q.answerScale(), finalAnswers[qi]);
            if (now.score() == null) {
                continue;
            }
            List<DmaAnswerScales.Option> scored = DmaAnswerScales.scored(q.answerScale());
            int i = scored.indexOf(now);
            DmaAnswerScales.Option before = scored.get(i > 0 ? i - 1 : i + 1);
            superseded.add(new Response(CORRECTED_YEAR, CORRECTED_TRUST, questionId(CORRECTED_YEAR, qi),
                    before.code()));
        }
    }

    void write(LandingWriter out) {
        try (LandingTable t = out.table(Source.DMA_ANSWER_SCALES, SnapshotPlan.DMA_BACKFILL)) {
            for (DmaAnswerScales.Option o : DmaAnswerScales.all()) {
                t.row(o.scale(), o.code(), o.label(), o.score() == null ? "" : o.score().toString(),
                        Integer.toString(o.ordinal()));
            }
        }
        try (LandingTable t = out.table(Source.DMA_QUESTIONS, SnapshotPlan.DMA_BACKFILL)) {
            for (int year : YEARS) {
                for (int qi = 0; qi < bank.size(); qi++) {
                    DmaQuestionBank.Question q = bank.get(qi);
                    t.row(Integer.toString(year), questionId(year, qi), q.theme(),
                            weights.get(year)[qi].toPlainString(), q.answerScale(), q.topic(), q.text(),
                            q.sectors(year));
                }
            }
        }
        Map<String, String> firstSubmitted = new TreeMap<>();
        for (Response r : superseded) {
            firstSubmitted.put(r.questionId(), r.answer());
        }
        try (LandingTable t = out.table(Source.DMA_RESPONSES, SnapshotPlan.DMA_BACKFILL)) {
            for (int year : YEARS) {
                for (Map.Entry<String, String[]> e : answers.get(year).entrySet()) {
                    boolean corrected = year == CORRECTED_YEAR && e.getKey().equals(CORRECTED_TRUST);
                    for (int qi = 0; qi < bank.size(); qi++) {
                        String answer = e.getValue()[qi];
                        if (answer == null) {
                            continue;
                        }
                        String id = questionId(year, qi);
                        if (corrected && firstSubmitted.containsKey(id)) {
                            answer = firstSubmitted.get(id);
                        }
                        t.row(Integer.toString(year), e.getKey(), id, answer);
                    }
                }
            }
        }
        try (LandingTable t = out.table(Source.DMA_RESPONSES, SnapshotPlan.DMA_CORRECTION)) {
            String[] finalAnswers = answers.get(CORRECTED_YEAR).get(CORRECTED_TRUST);
            for (Response r : superseded) {
                int qi = Integer.parseInt(r.questionId().substring(6)) - 1;
                t.row(Integer.toString(CORRECTED_YEAR), CORRECTED_TRUST, r.questionId(), finalAnswers[qi]);
            }
        }
    }
}
