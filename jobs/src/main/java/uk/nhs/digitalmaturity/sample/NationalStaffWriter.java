package uk.nhs.digitalmaturity.sample;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.LandingWriter;

/**
 * National-volume staff-level extracts: one {@code workforce_staff.csv} per month from 2019-03, each in its own
 * snapshot ({@link SnapshotPlan#staffSnapshot}), about 1.4 million assignments a month shared between the trusts
 * open that month in proportion to their March 2019 FTE. A person is a stable index within a trust: everything
 * about them (identifier, staff group, occupation, FTE) is a hash of the seed, the trust and that index, so months
 * agree with each other and roughly 1% of staff turn over each month. Rows are formatted by hand into a large
 * buffer, one thread per month file.
 */
final class NationalStaffWriter {
    private static final double TWO_TO_MINUS_53 = 0x1.0p-53;

    private final OrganisationHistory orgs;
    private final WorkforceExtract workforce;
    private final long seed;
    private final int months;
    private final int rowsPerMonth;

    NationalStaffWriter(OrganisationHistory orgs, WorkforceExtract workforce, long seed, int months,
                        int rowsPerMonth) {
        this.orgs = orgs;
        this.workforce = workforce;
        this.seed = seed;
        this.months = months;
        this.rowsPerMonth = rowsPerMonth;
    }

    void write(LandingWriter out) {
        int threads = Math.max(1, Math.min(months, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int m = 0; m < months; m++) {
                final int month = m;
                futures.add(pool.submit(() -> writeMonth(out, month)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing staff-level extracts", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("staff-level extract failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private void writeMonth(LandingWriter out, int month) {
        YearMonth period = SnapshotPlan.FIRST_STAFF_PERIOD.plusMonths(month);
        LocalDate end = period.atEndOfMonth();
        // March 2019 FTE by group, folded into the trust holding it at the end of the period
        Map<String, long[]> fte = new TreeMap<>();
        for (Map.Entry<String, long[]> e : workforce.march2019().entrySet()) {
            String holder = orgs.currentOn(e.getKey(), end);
            if (!orgs.isOpenOn(holder, end)) {
                continue;
            }
            long[] sum = fte.computeIfAbsent(holder, k -> new long[Occupations.STAFF_GROUPS.size()]);
            for (int g = 0; g < sum.length; g++) {
                sum[g] += e.getValue()[g];
            }
        }
        long national = 0;
        for (long[] v : fte.values()) {
            for (long x : v) {
                national += x;
            }
        }
        LocalDate snapshot = SnapshotPlan.staffSnapshot(period);
        String periodText = period.toString();
        long rows;
        try (FastCsvWriter w = new FastCsvWriter(out.rawStream(Source.WORKFORCE_STAFF, snapshot))) {
            for (String h : Source.WORKFORCE_STAFF.header()) {
                w.field(h);
            }
            w.endRow();
            for (Map.Entry<String, long[]> e : fte.entrySet()) {
                writeTrust(w, periodText, month, e.getKey(), e.getValue(), national);
            }
            rows = w.rows();
        }
        out.record(Source.WORKFORCE_STAFF, snapshot, rows);
    }

    private void writeTrust(FastCsvWriter w, String period, int month, String code, long[] groupFte, long national) {
        long trustFte = 0;
        for (long x : groupFte) {
            trustFte += x;
        }
        long n = Math.round((double) rowsPerMonth * trustFte / national);
        if (n == 0) {
            return;
        }
        int groups = groupFte.length;
        double[] groupCumulative = new double[groups];
        double acc = 0;
        for (int g = 0; g < groups; g++) {
            acc += groupFte[g] / (double) trustFte;
            groupCumulative[g] = acc;
        }
        String[] groupField = new String[groups];
        String[][] occupationCode = new String[groups][];
        double[][] occupationCumulative = new double[groups][];
        for (int g = 0; g < groups; g++) {
            groupField[g] = FastCsvWriter.quoted(Occupations.STAFF_GROUPS.get(g));
            List<Occupations.Occupation> occ = Occupations.inGroup(Occupations.STAFF_GROUPS.get(g));
            occupationCode[g] = new String[occ.size()];
            occupationCumulative[g] = new double[occ.size()];
            double total = occ.stream().mapToDouble(Occupations.Occupation::weight).sum();
            double c = 0;
            for (int i = 0; i < occ.size(); i++) {
                occupationCode[g][i] = occ.get(i).code();
                c += occ.get(i).weight() / total;
                occupationCumulative[g][i] = c;
            }
        }
        long trustSeed = Rng.derive(seed, "workforce-national-" + code);
        long churn = Math.max(1, n / 100);
        long first = month * churn;
        int doctors = WorkforceExtract.groupIndex("HCHS doctors");
        for (long k = first; k < first + n; k++) {
            long h = Rng.mix(trustSeed + k * 0x9E3779B97F4A7C15L);
            int g = pick(groupCumulative, (h >>> 11) * TWO_TO_MINUS_53);
            long h1 = Rng.mix(h + 1);
            int o = pick(occupationCumulative[g], (h1 >>> 11) * TWO_TO_MINUS_53);
            long h2 = Rng.mix(h + 2);
            w.field(period).field(code)
                    .hex256(Rng.mix(h + 3), Rng.mix(h + 4), Rng.mix(h + 5), Rng.mix(h + 6))
                    .field(10_000_000 + (k % 90_000_000)).append("-1")
                    .field(groupField[g])
                    .field(occupationCode[g][o])
                    .hundredths(fte(h2, g == doctors))
                    .endRow();
        }
    }

    private static int pick(double[] cumulative, double u) {
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** The distribution of {@link StaffLevelWorkforce#fte}, drawn from hash bits. */
    private static long fte(long h, boolean doctor) {
        return StaffLevelWorkforce.fte((h >>> 11) * TWO_TO_MINUS_53, doctor,
                () -> 10 + (h & 0xFFFF) % 90, () -> 101 + (h & 0xFFFF) % 50);
    }
}
