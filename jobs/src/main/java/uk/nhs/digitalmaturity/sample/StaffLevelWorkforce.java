package uk.nhs.digitalmaturity.sample;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.LandingTable;
import uk.nhs.digitalmaturity.landing.LandingWriter;

/**
 * The sample's staff-level extract ({@code workforce_staff.csv}): one row per assignment in March 2019 for a few
 * trusts. Each trust's staff-group totals differ slightly from its published March 2019 figures (the
 * reconciliation difference a real extract shows: 0.3% to 1.2% in total), and 3.0% to 3.6% of its FTE is in
 * informatics occupations, so that the national identifiable share lands near HEE's 34,800 FTE identifiable in
 * informatics roles in 2019 (about 3.3% of the workforce, NAO paragraph 3.13). HEE's 4% to 5% (40,600 to 53,900
 * FTE) is its estimate of the actual number beyond what occupation codes identify, so no extract can show it.
 */
final class StaffLevelWorkforce {
    /** Ten mid-sized trusts of every sector that no merger touches before April 2020. */
    static final List<String> TRUSTS =
            List.of("RAX", "RBT", "RCD", "RJ8", "RNZ", "RPY", "RWX", "RXA", "RY6", "RYE");

    private record Assignment(String personId, String assignmentId, String staffGroup, String occupation,
                              long fteHundredths) {
    }

    private final WorkforceExtract workforce;
    private final long seed;

    StaffLevelWorkforce(WorkforceExtract workforce, long seed) {
        this.workforce = workforce;
        this.seed = seed;
    }

    void write(LandingWriter out) {
        YearMonth period = SnapshotPlan.FIRST_STAFF_PERIOD;
        try (LandingTable t = out.table(Source.WORKFORCE_STAFF, SnapshotPlan.staffSnapshot(period))) {
            for (String code : TRUSTS) {
                for (Assignment a : trust(code)) {
                    t.row(period.toString(), code, a.personId(), a.assignmentId(), a.staffGroup(), a.occupation(),
                            WorkforceExtract.format(a.fteHundredths()));
                }
            }
        }
    }

    private List<Assignment> trust(String code) {
        long[] published = workforce.march2019(code);
        if (published == null) {
            throw new IllegalStateException("no March 2019 workforce for staff-level trust " + code);
        }
        Rng rng = Rng.of(seed, "workforce-staff-" + code);
        int groups = Occupations.STAFF_GROUPS.size();
        long[] target = new long[groups];
        long total = 0;
        // the extract and the publication disagree a little: 0.3% to 1.2% overall, either way, varying by group
        double overall = (rng.chance(0.5) ? 1 : -1) * rng.uniform(0.003, 0.012);
        for (int g = 0; g < groups; g++) {
            target[g] = Math.round(published[g] * (1 + overall + rng.uniform(-0.005, 0.005)));
            total += target[g];
        }
        // informatics FTE by occupation, capped at half of its staff group; the excess goes to central functions
        double share = rng.uniform(0.030, 0.036); // identifiable informatics, about 3.3% (HEE's 34,800 FTE)
        long informaticsTarget = Math.round(total * share);
        Map<String, Long> informatics = new java.util.TreeMap<>();
        long[] informaticsInGroup = new long[groups];
        long excess = 0;
        for (Occupations.Occupation o : Occupations.informatics()) {
            int g = WorkforceExtract.groupIndex(o.staffGroup());
            long want = Math.round(informaticsTarget * o.sampleShare());
            long room = target[g] / 2 - informaticsInGroup[g];
            long take = Math.max(0, Math.min(want, room));
            excess += want - take;
            informatics.put(o.code(), take);
            informaticsInGroup[g] += take;
        }
        // the excess goes to ICT posts: central functions first, then (ambulance trusts) control-room systems
        excess = overflow(informatics, informaticsInGroup, target, "G05", 8, excess);
        excess = overflow(informatics, informaticsInGroup, target, "B04", 3, excess);
        if (excess > 0) {
            throw new IllegalStateException(code + ": no room for " + excess / 100.0 + " informatics FTE");
        }

        List<Assignment> rows = new ArrayList<>();
        Set<Integer> personNumbers = new HashSet<>();
        List<String[]> persons = new ArrayList<>(); // [person id, person number]
        for (int g = 0; g < groups; g++) {
            String group = Occupations.STAFF_GROUPS.get(g);
            List<Occupations.Occupation> occupations = Occupations.inGroup(group);
            long remaining = target[g];
            for (Occupations.Occupation o : occupations) {
                if (o.informatics()) {
                    long amount = informatics.get(o.code());
                    fill(rows, rng, persons, personNumbers, group, o.code(), amount);
                    remaining -= amount;
                }
            }
            // the rest of the group over its other occupations, by national weight
            List<Occupations.Occupation> others = occupations.stream().filter(o -> !o.informatics()).toList();
            double weights = others.stream().mapToDouble(Occupations.Occupation::weight).sum();
            for (int i = 0; i < others.size(); i++) {
                Occupations.Occupation o = others.get(i);
                long amount = i == others.size() - 1 ? remaining
                        : Math.round(target[g] * (1 - informaticsInGroup[g] / (double) Math.max(1, target[g]))
                                * o.weight() / weights);
                amount = Math.min(amount, remaining);
                fill(rows, rng, persons, personNumbers, group, o.code(), amount);
                remaining -= amount;
            }
        }
        rows.sort(Comparator.comparing(Assignment::assignmentId));
        return rows;
    }

    /** Moves up to {@code tenths}/10 of the occupation's staff group into it; returns what did not fit. */
    private static long overflow(Map<String, Long> informatics, long[] informaticsInGroup, long[] target,
                                 String occupation, int tenths, long excess) {
        Occupations.Occupation o = Occupations.all().stream().filter(x -> x.code().equals(occupation))
                .findFirst().orElseThrow();
        int g = WorkforceExtract.groupIndex(o.staffGroup());
        long room = Math.max(0, target[g] * tenths / 10 - informaticsInGroup[g]);
        long take = Math.min(room, excess);
        informatics.merge(occupation, take, Long::sum);
        informaticsInGroup[g] += take;
        return excess - take;
    }

    /** Adds assignments of one occupation until their FTE reaches {@code amount} hundredths. */
    private static void fill(List<Assignment> rows, Rng rng, List<String[]> persons, Set<Integer> personNumbers,
                             String group, String occupation, long amount) {
        long left = amount;
        while (left > 0) {
            long fte = Math.min(left, drawFte(rng, group));
            if (left - fte > 0 && left - fte < 10) {
                fte = left; // never leave a sliver: a final assignment of under 0.10 FTE is unrealistic
                if (fte > 150) {
                    fte = left - 10;
                }
            }
            String personId;
            String assignmentId;
            if (!persons.isEmpty() && rng.chance(0.04)) {
                // a second assignment for someone already employed (e.g. a bank or split post)
                String[] person = persons.get(rng.nextInt(persons.size()));
                personId = person[0];
                int next = Integer.parseInt(person[2]) + 1;
                person[2] = Integer.toString(next);
                assignmentId = person[1] + "-" + next;
            } else {
                int number;
                do {
                    number = 10_000_000 + rng.nextInt(90_000_000);
                } while (!personNumbers.add(number));
                personId = hex256(rng);
                persons.add(new String[] {personId, Integer.toString(number), "1"});
                assignmentId = number + "-1";
            }
            rows.add(new Assignment(personId, assignmentId, group, occupation, fte));
            left -= fte;
        }
    }

    /** FTE of one assignment in hundredths: mostly full time, some part time, the odd extended post. */
    static long drawFte(Rng rng, String group) {
        return fte(rng.uniform(), group.equals("HCHS doctors"), () -> rng.between(10, 99), () -> rng.between(101, 150));
    }

    /**
     * The one FTE distribution of both scales, from a uniform draw {@code u}. The tails are drawn only when
     * needed, so the sample's random sequence (and so the committed files) does not depend on them.
     */
    static long fte(double u, boolean doctor, java.util.function.LongSupplier partTime,
                    java.util.function.LongSupplier extended) {
        if (u < 0.60) {
            return 100;
        } else if (u < 0.70) {
            return 80;
        } else if (u < 0.78) {
            return 60;
        } else if (u < 0.86) {
            return 50;
        } else if (u < 0.91) {
            return 40;
        } else if (u < 0.98 || !doctor) {
            return partTime.getAsLong();
        }
        return extended.getAsLong();
    }

    static String hex256(Rng rng) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            String h = Long.toHexString(rng.nextLong());
            sb.append("0".repeat(16 - h.length())).append(h);
        }
        return sb.toString();
    }
}
