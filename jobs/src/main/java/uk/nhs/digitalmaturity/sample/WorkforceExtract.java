package uk.nhs.digitalmaturity.sample;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.LandingTable;
import uk.nhs.digitalmaturity.landing.LandingWriter;

/**
 * Published-shape workforce ({@code workforce_org.csv}): FTE by period, trust and staff group. June 2018 is the
 * real NHS Workforce Statistics (trust rows, nationality grouped into UK / EU / rest of world / unknown);
 * December 2018 grows each trust's June figures a little and folds in trusts it absorbed in between; March 2019
 * grows December again. Amounts are held in hundredths of an FTE so sums are exact.
 */
final class WorkforceExtract {
    static final List<String> NATIONALITIES = List.of("UK", "EU", "Rest of world", "Unknown");
    static final YearMonth JUNE_2018 = YearMonth.of(2018, 6);
    static final YearMonth DECEMBER_2018 = YearMonth.of(2018, 12);
    static final YearMonth MARCH_2019 = YearMonth.of(2019, 3);

    private static final int GROUPS = Occupations.STAFF_GROUPS.size();

    /** org → [staff group][UK, EU, rest of world, unknown], hundredths of FTE. */
    private final Map<String, long[][]> june2018 = new TreeMap<>();
    private final Map<String, long[][]> december2018 = new TreeMap<>();
    /** org → [staff group], hundredths of FTE. */
    private final Map<String, long[]> march2019 = new TreeMap<>();

    WorkforceExtract(OrganisationHistory orgs, long seed) {
        for (Map<String, String> r : Resources.csv("workforce-fte-2018-06.csv")) {
            int group = groupIndex(r.get("staff_group"));
            long[][] parts = june2018.computeIfAbsent(r.get("org_code"), k -> new long[GROUPS][4]);
            parts[group][0] = hundredths(r.get("fte_uk"));
            parts[group][1] = hundredths(r.get("fte_eu"));
            parts[group][2] = hundredths(r.get("fte_rest_of_world"));
            parts[group][3] = hundredths(r.get("fte_unknown"));
        }
        Rng rng = Rng.of(seed, "workforce-org");
        LocalDate endDecember = DECEMBER_2018.atEndOfMonth();
        for (String code : orgs.openOn(endDecember)) {
            long[][] dec = null;
            for (String member : june2018.keySet()) {
                if (!orgs.currentOn(member, endDecember).equals(code)) {
                    continue; // not this trust, nor a trust it absorbed since June
                }
                double trustGrowth = 1.010 + 0.008 * rng.normal();
                if (dec == null) {
                    dec = new long[GROUPS][4];
                }
                long[][] jun = june2018.get(member);
                for (int g = 0; g < GROUPS; g++) {
                    double factor = trustGrowth * (1 + 0.01 * rng.normal());
                    for (int n = 0; n < 4; n++) {
                        dec[g][n] += Math.round(jun[g][n] * factor);
                    }
                }
            }
            if (dec != null) {
                december2018.put(code, dec);
            }
        }
        LocalDate endMarch = MARCH_2019.atEndOfMonth();
        for (Map.Entry<String, long[][]> e : december2018.entrySet()) {
            if (!orgs.isOpenOn(e.getKey(), endMarch)) {
                continue;
            }
            long[] mar = new long[GROUPS];
            for (int g = 0; g < GROUPS; g++) {
                mar[g] = Math.round(total(e.getValue()[g]) * (1.004 + 0.004 * rng.normal()));
            }
            march2019.put(e.getKey(), mar);
        }
    }

    static int groupIndex(String staffGroup) {
        int i = Occupations.STAFF_GROUPS.indexOf(staffGroup);
        if (i < 0) {
            throw new IllegalStateException("unknown staff group " + staffGroup);
        }
        return i;
    }

    static long hundredths(String fte) {
        return new java.math.BigDecimal(fte).movePointRight(2).longValueExact();
    }

    static String format(long hundredths) {
        return java.math.BigDecimal.valueOf(hundredths, 2).toPlainString();
    }

    private static long total(long[] parts) {
        long sum = 0;
        for (long p : parts) {
            sum += p;
        }
        return sum;
    }

    /** Total June 2018 FTE of a trust (hundredths), or 0 when the statistics do not list it. */
    long june2018Total(String code) {
        long[][] parts = june2018.get(code);
        long sum = 0;
        if (parts != null) {
            for (long[] p : parts) {
                sum += total(p);
            }
        }
        return sum;
    }

    boolean hasJune2018(String code) {
        return june2018.containsKey(code);
    }

    /** March 2019 FTE by staff group (hundredths); null when the trust has none. */
    long[] march2019(String code) {
        long[] v = march2019.get(code);
        return v == null ? null : v.clone();
    }

    Map<String, long[]> march2019() {
        Map<String, long[]> copy = new TreeMap<>();
        march2019.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /**
     * Writes the back-fill snapshot (June and December 2018, with a nationality column, plus the informatics
     * occupation list) and the March 2019 figures (no nationality, columns in another order) in the snapshot of
     * the first staff-level extract.
     */
    void write(LandingWriter out) {
        try (LandingTable t = out.table(Source.WORKFORCE_ORG, SnapshotPlan.WORKFORCE_BACKFILL,
                List.of("period", "org_code", "staff_group", "nationality", "fte"))) {
            writeWithNationality(t, JUNE_2018, june2018);
            writeWithNationality(t, DECEMBER_2018, december2018);
        }
        try (LandingTable t = out.table(Source.INFORMATICS_OCCUPATIONS, SnapshotPlan.WORKFORCE_BACKFILL)) {
            for (Occupations.Occupation o : Occupations.informatics()) {
                t.row(o.code(), o.informaticsCategory());
            }
        }
        try (LandingTable t = out.table(Source.WORKFORCE_ORG, SnapshotPlan.workforceMarch2019(),
                List.of("org_code", "staff_group", "period", "fte"))) {
            for (Map.Entry<String, long[]> e : march2019.entrySet()) {
                for (int g = 0; g < GROUPS; g++) {
                    if (e.getValue()[g] > 0) {
                        t.row(e.getKey(), Occupations.STAFF_GROUPS.get(g), MARCH_2019.toString(),
                                format(e.getValue()[g]));
                    }
                }
            }
        }
    }

    private static void writeWithNationality(LandingTable t, YearMonth period, Map<String, long[][]> data) {
        for (Map.Entry<String, long[][]> e : data.entrySet()) {
            for (int g = 0; g < GROUPS; g++) {
                for (int n = 0; n < 4; n++) {
                    long v = e.getValue()[g][n];
                    if (v > 0) {
                        t.row(period.toString(), e.getKey(), Occupations.STAFF_GROUPS.get(g), NATIONALITIES.get(n),
                                format(v));
                    }
                }
            }
        }
    }
}
