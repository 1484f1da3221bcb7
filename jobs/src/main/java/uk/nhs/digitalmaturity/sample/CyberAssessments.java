package uk.nhs.digitalmaturity.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.LandingTable;
import uk.nhs.digitalmaturity.landing.LandingWriter;

/**
 * Cyber Essentials Plus on-site assessments ({@code ceplus_results.csv}), one row per requirement tested. Never
 * published per trust, so modelled on paragraph 2.15 of the NAO report: 88 trusts assessed by the WannaCry attack
 * (12 May 2017) and none passed; a mean score of about 50% at the end of 2017; by 29 February 2020, 204 trusts
 * assessed, a mean current score of 63% and exactly one trust at 100%.
 *
 * <p>Only trusts still open on 29 February 2020 are assessed, each while open, so at every comparison date each
 * assessed trust is in scope (the pipeline counts only organisations open on the date, and an assessment stays
 * with the organisation assessed: issue 12, paragraph 2.15). Five of them close on 1 April 2020 ({@code RDD},
 * {@code RQ8}, {@code RC1}, {@code RA3}, {@code RYK}): they count in February 2020 but not at the reporting date of
 * a later run, which sees 199 of the 204. Assessments up to the 2019 cyber snapshot date are in that snapshot;
 * later ones in the 2020 snapshot.
 */
final class CyberAssessments {
    static final LocalDate WANNACRY = LocalDate.of(2017, 5, 12);
    static final LocalDate END_2017 = LocalDate.of(2017, 12, 31);
    static final LocalDate FEBRUARY_2020 = LocalDate.of(2020, 2, 29);
    static final int REQUIREMENTS = 40;

    /** One assessment: outcomes per requirement number (1-based), P / F / N. */
    static final class Assessment {
        final String org;
        final LocalDate date;
        final int[] requirements;
        final char[] outcomes;
        String id;

        Assessment(String org, LocalDate date, int[] requirements, char[] outcomes) {
            this.org = org;
            this.date = date;
            this.requirements = requirements;
            this.outcomes = outcomes;
        }

        int count(char outcome) {
            int n = 0;
            for (char c : outcomes) {
                if (c == outcome) {
                    n++;
                }
            }
            return n;
        }

        double score() {
            int pass = count('P');
            int fail = count('F');
            return 100.0 * pass / (pass + fail);
        }

        /** Turns one failure into a pass (up) or one pass into a failure (down); false if it cannot. */
        boolean nudge(boolean up, boolean mayReach100) {
            int pass = count('P');
            int fail = count('F');
            if (up && (fail == 0 || (fail == 1 && !mayReach100))) {
                return false;
            }
            if (!up && pass <= 1) {
                return false;
            }
            char from = up ? 'F' : 'P';
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i] == from) {
                    outcomes[i] = up ? 'P' : 'F';
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Assessment> assessments = new ArrayList<>();

    CyberAssessments(OrganisationHistory orgs, long seed) {
        Rng rng = Rng.of(seed, "ceplus");
        // trusts open in February 2020 (those that had stopped operating are closed by 2018: closures.csv)
        List<String> early = new ArrayList<>();
        List<String> late = new ArrayList<>();
        for (String code : orgs.openOn(FEBRUARY_2020)) {
            (orgs.isOpenOn(code, LocalDate.of(2016, 9, 1)) ? early : late).add(code);
        }
        rng.shuffle(early);
        List<String> wave1 = new ArrayList<>(early.subList(0, 88));
        List<String> wave2 = new ArrayList<>(early.subList(88, 128));
        List<String> wave3 = new ArrayList<>(early.subList(128, 128 + 76 - late.size()));
        wave3.addAll(late);

        // wave 1: before WannaCry, none passes
        for (String org : wave1) {
            assessments.add(assess(rng, org, day(rng, LocalDate.of(2016, 10, 3), LocalDate.of(2017, 5, 10)),
                    clamp(rng.normal(44, 12), 12, 90)));
        }
        // rest of 2017: 40 first assessments and some re-assessments, improving
        List<Assessment> late2017 = new ArrayList<>();
        for (String org : wave2) {
            late2017.add(assess(rng, org, day(rng, LocalDate.of(2017, 5, 15), LocalDate.of(2017, 12, 15)),
                    clamp(rng.normal(56, 12), 15, 92)));
        }
        for (int i = 0; i < 15; i++) {
            late2017.add(assess(rng, wave1.get(i), day(rng, LocalDate.of(2017, 7, 3), LocalDate.of(2017, 12, 15)),
                    clamp(rng.normal(58, 10), 20, 92)));
        }
        assessments.addAll(late2017);
        calibrate(rng, late2017, END_2017, 50.0, null);

        // 2018 to February 2020: the last 76 trusts and re-assessments of most of the rest
        List<Assessment> later = new ArrayList<>();
        for (String org : wave3) {
            LocalDate from = orgs.latest(org).open().isAfter(LocalDate.of(2018, 1, 2))
                    ? orgs.latest(org).open().plusMonths(2) : LocalDate.of(2018, 1, 8);
            later.add(assess(rng, org, day(rng, from, LocalDate.of(2020, 2, 21)), clamp(rng.normal(66, 13), 20, 96)));
        }
        List<String> reassessed = new ArrayList<>(wave1);
        reassessed.addAll(wave2);
        rng.shuffle(reassessed);
        for (String org : reassessed.subList(0, 100)) {
            later.add(assess(rng, org, day(rng, LocalDate.of(2018, 1, 8), LocalDate.of(2020, 2, 21)),
                    clamp(rng.normal(70, 12), 25, 96)));
        }
        // exactly one trust reaches 100% (its latest assessment)
        later.sort(Comparator.comparing((Assessment a) -> a.date).thenComparing(a -> a.org));
        Assessment perfect = later.get(later.size() - 5);
        for (int i = 0; i < perfect.outcomes.length; i++) {
            if (perfect.outcomes[i] == 'F') {
                perfect.outcomes[i] = 'P';
            }
        }
        assessments.addAll(later);
        calibrate(rng, later, FEBRUARY_2020, 63.0, perfect);

        assessments.sort(Comparator.comparing((Assessment a) -> a.date).thenComparing(a -> a.org));
        Map<Integer, Integer> sequence = new TreeMap<>();
        for (Assessment a : assessments) {
            int n = sequence.merge(a.date.getYear(), 1, Integer::sum);
            String s = Integer.toString(n);
            a.id = "A" + a.date.getYear() + "-" + "0".repeat(3 - s.length()) + s;
        }
        check(orgs);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** A working day in [from, to]. */
    private static LocalDate day(Rng rng, LocalDate from, LocalDate to) {
        LocalDate d = from.plusDays(rng.nextInt((int) (to.toEpochDay() - from.toEpochDay()) + 1));
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY) {
            d = d.minusDays(1);
        } else if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.minusDays(2);
        }
        return d.isBefore(from) ? d.plusDays(3) : d;
    }

    /** 20 to 40 requirements tested, a few not tested, passes to approximate the target score (never 100). */
    private static Assessment assess(Rng rng, String org, LocalDate date, double target) {
        int n = rng.between(20, 40);
        List<Integer> all = new ArrayList<>();
        for (int r = 1; r <= REQUIREMENTS; r++) {
            all.add(r);
        }
        rng.shuffle(all);
        int[] requirements = all.subList(0, n).stream().mapToInt(Integer::intValue).sorted().toArray();
        int notTested = rng.between(0, 3);
        int tested = n - notTested;
        int pass = (int) Math.round(target * tested / 100.0);
        pass = Math.max(1, Math.min(tested - 1, pass));
        List<Character> outcomes = new ArrayList<>();
        for (int i = 0; i < tested; i++) {
            outcomes.add(i < pass ? 'P' : 'F');
        }
        for (int i = 0; i < notTested; i++) {
            outcomes.add('N');
        }
        rng.shuffle(outcomes);
        char[] o = new char[n];
        for (int i = 0; i < n; i++) {
            o[i] = outcomes.get(i);
        }
        return new Assessment(org, date, requirements, o);
    }

    /** Each trust's latest assessment on or before {@code day}. */
    private Map<String, Assessment> current(LocalDate day) {
        Map<String, Assessment> latest = new TreeMap<>();
        for (Assessment a : assessments) {
            if (!a.date.isAfter(day)) {
                Assessment prior = latest.get(a.org);
                if (prior == null || a.date.isAfter(prior.date)) {
                    latest.put(a.org, a);
                }
            }
        }
        return latest;
    }

    double meanScore(LocalDate day) {
        return current(day).values().stream().mapToDouble(Assessment::score).average().orElse(Double.NaN);
    }

    /** Nudges outcomes of the given assessments until the mean current score on {@code day} is within 0.1. */
    private void calibrate(Rng rng, List<Assessment> adjustable, LocalDate day, double target, Assessment keep) {
        for (int iteration = 0; iteration < 100_000; iteration++) {
            Map<String, Assessment> current = current(day);
            double mean = current.values().stream().mapToDouble(Assessment::score).average().orElseThrow();
            if (Math.abs(mean - target) <= 0.1) {
                return;
            }
            Assessment a = adjustable.get(rng.nextInt(adjustable.size()));
            if (a != keep && current.get(a.org) == a) {
                a.nudge(mean < target, false);
            }
        }
        throw new IllegalStateException("could not calibrate the CE+ mean on " + day + " to " + target);
    }

    private void check(OrganisationHistory orgs) {
        Map<String, Assessment> atWannaCry = current(WANNACRY);
        Map<String, Assessment> atFebruary = current(FEBRUARY_2020);
        long passedWannaCry = atWannaCry.values().stream().filter(a -> a.count('F') == 0).count();
        long passedFebruary = atFebruary.values().stream().filter(a -> a.count('F') == 0).count();
        if (atWannaCry.size() != 88 || passedWannaCry != 0 || atFebruary.size() != 204 || passedFebruary != 1) {
            throw new IllegalStateException("CE+ calibration failed: " + atWannaCry.size() + " assessed by WannaCry ("
                    + passedWannaCry + " passed), " + atFebruary.size() + " by February 2020 (" + passedFebruary
                    + " passed)");
        }
        for (Assessment a : assessments) {
            if (!orgs.isOpenOn(a.org, a.date)) {
                throw new IllegalStateException(a.org + " assessed on " + a.date + " while not open");
            }
        }
    }

    void write(LandingWriter out) {
        try (LandingTable early = out.table(Source.CEPLUS_RESULTS, SnapshotPlan.CYBER_2019);
             LandingTable late = out.table(Source.CEPLUS_RESULTS, SnapshotPlan.CYBER_2020)) {
            for (Assessment a : assessments) {
                LandingTable t = a.date.isAfter(SnapshotPlan.CYBER_2019) ? late : early;
                for (int i = 0; i < a.requirements.length; i++) {
                    String r = Integer.toString(a.requirements[i]);
                    String outcome = switch (a.outcomes[i]) {
                        case 'P' -> "PASS";
                        case 'F' -> "FAIL";
                        default -> "NOT_TESTED";
                    };
                    t.row(a.id, a.org, a.date.toString(), "CEP-" + (r.length() == 1 ? "0" : "") + r, outcome);
                }
            }
        }
    }
}
