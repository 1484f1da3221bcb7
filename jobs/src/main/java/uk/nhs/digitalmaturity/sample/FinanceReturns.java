package uk.nhs.digitalmaturity.sample;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.LandingTable;
import uk.nhs.digitalmaturity.landing.LandingWriter;

/**
 * Trust accounts in long format ({@code finance_returns.csv}), modelled on the Trust Accounts Consolidation data:
 * IT capital additions (hardware, software, internally generated IT), the odd disposal of IT assets as a negative
 * value under its own measure ({@code IT_CAPEX_DISPOSALS}: the contract's IT capex is gross additions, never net of
 * disposals), total operating expenditure, operating income and some other lines, in GBP thousands.
 *
 * <p>Each trust's scale follows its FTE (real June 2018 figures, or a modelled size for trusts that closed before
 * then), month by month, so a predecessor's part-year return and its successor's part-year return add up to a
 * whole year once the pipeline folds them together. National IT capex (the additions) is set to fluctuate but rise
 * from about GBP 0.7bn to 1.05bn a year in 2018-19 prices; IT per FTE varies widely between trusts (log-normal
 * rates). Disposals are small (1% to 6% of a year's hardware or software additions) and are not part of either.
 *
 * <p>Deliberate gaps for the pipeline to handle: {@link #NO_RETURN_TRUST} has no return in the window,
 * {@link #MISSING_YEAR_TRUST} misses {@link #MISSING_YEAR}, three trusts that ODS still lists as open stop
 * returning (see modelled-sizes.csv), and {@link #RESUBMITTED_TRUST} resubmits its whole 2018-19 return.
 */
final class FinanceReturns {
    static final List<String> WINDOW = List.of("2013-14", "2014-15", "2015-16", "2016-17", "2017-18", "2018-19");
    static final String NO_RETURN_TRUST = "RY9";
    static final String MISSING_YEAR_TRUST = "RKE";
    static final String MISSING_YEAR = "2015-16";
    static final String RESUBMITTED_TRUST = "RWE";
    static final String RESUBMITTED_YEAR = "2018-19";

    /** National IT capex (gross additions) in 2018-19 prices, GBP: fluctuating, rising overall. */
    private static final Map<String, Double> NATIONAL_REAL_IT = Map.of(
            "2013-14", 690e6, "2014-15", 770e6, "2015-16", 720e6,
            "2016-17", 840e6, "2017-18", 930e6, "2018-19", 1050e6);
    /** Operating expenditure per FTE in 2018-19, GBP, by sector. */
    private static final Map<String, Double> OPEX_PER_FTE = Map.of(
            "ACUTE", 88_000.0, "SPECIALIST", 115_000.0, "MENTAL_HEALTH", 60_000.0,
            "COMMUNITY", 55_000.0, "AMBULANCE", 62_000.0, "UNKNOWN", 70_000.0);
    /** Relative IT intensity by sector. */
    private static final Map<String, Double> IT_INTENSITY = Map.of(
            "ACUTE", 1.0, "SPECIALIST", 1.4, "MENTAL_HEALTH", 0.8,
            "COMMUNITY", 0.75, "AMBULANCE", 0.9, "UNKNOWN", 1.0);
    /** Nominal growth of operating expenditure per FTE, 2018-19 = 1. */
    private static final Map<String, Double> OPEX_NOMINAL = Map.of(
            "2013-14", 0.88, "2014-15", 0.905, "2015-16", 0.93,
            "2016-17", 0.955, "2017-18", 0.975, "2018-19", 1.0);

    record Code(String subCode, String description, String measure) {
    }

    static final List<Code> CODES = List.of(
            new Code("IT_HW_ADD", "Property, plant and equipment additions: information technology hardware", "IT_CAPEX"),
            new Code("IT_SW_ADD", "Intangible asset additions: purchased software licences", "IT_CAPEX"),
            new Code("IT_INT_ADD", "Intangible asset additions: internally generated information technology", "IT_CAPEX"),
            new Code("IT_HW_DISP", "Property, plant and equipment disposals: information technology hardware",
                    "IT_CAPEX_DISPOSALS"),
            new Code("IT_SW_DISP", "Intangible asset disposals: software", "IT_CAPEX_DISPOSALS"),
            new Code("OPEX_TOTAL", "Total operating expenditure", "TOTAL_OPERATING_EXPENDITURE"),
            new Code("INC_TOTAL", "Total operating income", "OPERATING_INCOME"),
            new Code("OTH_STAFF", "Operating expenditure: staff and executive directors costs", "OTHER"),
            new Code("OTH_DRUGS", "Operating expenditure: drugs costs", "OTHER"),
            new Code("OTH_SUPPLIES", "Operating expenditure: clinical supplies and services", "OTHER"),
            new Code("OTH_PREMISES", "Operating expenditure: premises", "OTHER"),
            new Code("OTH_DEPN", "Operating expenditure: depreciation and amortisation", "OTHER"),
            new Code("OTH_CAP_BLD", "Property, plant and equipment additions: buildings", "OTHER"),
            new Code("OTH_CAP_MED", "Property, plant and equipment additions: medical equipment", "OTHER"),
            new Code("OTH_CASH", "Cash and cash equivalents at 31 March", "OTHER"));

    /** One trust-year return: sub_code → value in GBP thousands, in {@link #CODES} order. */
    record Return(String org, String finYear, Map<String, Long> values) {
    }

    private final OrganisationHistory orgs;
    private final long seed;
    private final List<Return> returns = new ArrayList<>();
    private Return resubmission;

    FinanceReturns(OrganisationHistory orgs, WorkforceExtract workforce, GdpDeflators deflators, long seed) {
        this.orgs = orgs;
        this.seed = seed;
        build(workforce, deflators);
    }

    private void build(WorkforceExtract workforce, GdpDeflators deflators) {
        Map<String, Double> sizeAtEnd = new TreeMap<>();
        for (String code : orgs.codes()) {
            if (workforce.hasJune2018(code)) {
                sizeAtEnd.put(code, workforce.june2018Total(code) / 100.0);
            } else if (orgs.modelledFte(code) != null) {
                sizeAtEnd.put(code, orgs.modelledFte(code).doubleValue());
            }
        }
        // a trust's own operations, before what it absorbed (the June 2018 figure includes earlier acquisitions)
        Map<String, Double> standalone = new TreeMap<>();
        LocalDate june2018 = LocalDate.of(2018, 6, 30);
        for (Map.Entry<String, Double> e : sizeAtEnd.entrySet()) {
            double own = e.getValue();
            for (Merger m : orgs.absorbedBy(e.getKey())) {
                if (!m.effective().isAfter(june2018)) {
                    own -= sizeAtEnd.getOrDefault(m.predecessor(), 0.0);
                }
            }
            if (own < 0) {
                throw new IllegalStateException(e.getKey() + ": predecessors' modelled sizes exceed its own");
            }
            standalone.put(e.getKey(), own);
        }

        Rng rng = Rng.of(seed, "finance");
        Map<String, Double> itRate = new TreeMap<>();
        Map<String, Double> opexLevel = new TreeMap<>();
        for (String code : standalone.keySet()) {
            String sector = orgs.latest(code).sector();
            itRate.put(code, IT_INTENSITY.get(sector) * rng.logNormal(1.0, 0.75));
            opexLevel.put(code, OPEX_PER_FTE.get(sector) * rng.logNormal(1.0, 0.08));
        }

        for (String year : WINDOW) {
            int startYear = Integer.parseInt(year.substring(0, 4));
            double growth = StrictMath.pow(1.018, -(2018 - startYear));
            // raw (unscaled) real IT capex and FTE-months per trust returning this year
            Map<String, Double> fteYears = new TreeMap<>();
            Map<String, Double> rawIt = new TreeMap<>();
            for (String code : standalone.keySet()) {
                if (!returnsFor(code, year)) {
                    continue;
                }
                double sum = 0;
                for (int month = 0; month < 12; month++) {
                    LocalDate day = LocalDate.of(startYear, 4, 1).plusMonths(month);
                    if (!orgs.isOpenOn(code, day)) {
                        continue;
                    }
                    double size = standalone.get(code);
                    for (Merger m : orgs.absorbedBy(code)) {
                        if (!m.effective().isAfter(day)) {
                            size += sizeAtEnd.getOrDefault(m.predecessor(), 0.0);
                        }
                    }
                    sum += size / 12.0;
                }
                if (sum <= 0) {
                    continue;
                }
                fteYears.put(code, sum * growth);
                rawIt.put(code, sum * growth * itRate.get(code) * rng.logNormal(1.0, 0.4));
            }
            double rawTotal = rawIt.values().stream().mapToDouble(Double::doubleValue).sum();
            double scale = NATIONAL_REAL_IT.get(year) / rawTotal;
            double deflator = deflators.index(year).doubleValue() / 100.0;
            for (Map.Entry<String, Double> e : fteYears.entrySet()) {
                String code = e.getKey();
                String sector = orgs.latest(code).sector();
                long itK = Math.max(3, Math.round(rawIt.get(code) * scale * deflator / 1000.0));
                double opex = e.getValue() * opexLevel.get(code) * OPEX_NOMINAL.get(year) * rng.logNormal(1.0, 0.02);
                long opexK = Math.round(opex / 1000.0);
                returns.add(new Return(code, year, lines(rng, sector, itK, opexK)));
            }
        }
        returns.sort((a, b) -> a.org().equals(b.org()) ? a.finYear().compareTo(b.finYear())
                : a.org().compareTo(b.org()));

        Return original = find(RESUBMITTED_TRUST, RESUBMITTED_YEAR);
        Map<String, Long> changed = new LinkedHashMap<>();
        Rng resubmit = Rng.of(seed, "finance-resubmission");
        for (Map.Entry<String, Long> e : original.values().entrySet()) {
            double factor = switch (e.getKey()) {
                case "IT_HW_ADD" -> 1.12;
                case "IT_SW_ADD" -> 0.95;
                case "IT_INT_ADD" -> 1.10;
                case "IT_HW_DISP", "IT_SW_DISP" -> 1.5;
                case "OPEX_TOTAL" -> 1.004;
                case "INC_TOTAL" -> 0.997;
                default -> resubmit.uniform(0.99, 1.01);
            };
            long value = Math.round(e.getValue() * factor);
            if (value == e.getValue()) {
                value += e.getValue() < 0 ? -1 : 1;
            }
            changed.put(e.getKey(), value);
        }
        resubmission = new Return(RESUBMITTED_TRUST, RESUBMITTED_YEAR, changed);
    }

    private boolean returnsFor(String code, String year) {
        if (code.equals(NO_RETURN_TRUST)) {
            return false;
        }
        if (code.equals(MISSING_YEAR_TRUST) && year.equals(MISSING_YEAR)) {
            return false;
        }
        String last = orgs.lastReturnYear(code);
        return last == null || year.compareTo(last) <= 0;
    }

    private static Map<String, Long> lines(Rng rng, String sector, long itK, long opexK) {
        Map<String, Long> v = new LinkedHashMap<>();
        long hardware = Math.round(itK * rng.uniform(0.35, 0.55));
        long internal = rng.chance(0.65) ? Math.round(itK * rng.uniform(0.05, 0.25)) : 0;
        long software = itK - hardware - internal;
        v.put("IT_HW_ADD", hardware);
        v.put("IT_SW_ADD", software);
        if (internal > 0) {
            v.put("IT_INT_ADD", internal);
        }
        if (rng.chance(0.15)) {
            v.put("IT_HW_DISP", -Math.max(1, Math.round(hardware * rng.uniform(0.01, 0.06))));
        }
        if (rng.chance(0.05)) {
            v.put("IT_SW_DISP", -Math.max(1, Math.round(software * rng.uniform(0.01, 0.04))));
        }
        v.put("OPEX_TOTAL", opexK);
        v.put("INC_TOTAL", Math.round(opexK * rng.normal(1.004, 0.018)));
        v.put("OTH_STAFF", Math.round(opexK * rng.uniform(0.58, 0.68)));
        double drugs = switch (sector) {
            case "ACUTE" -> 0.10;
            case "SPECIALIST" -> 0.16;
            case "MENTAL_HEALTH" -> 0.02;
            case "COMMUNITY" -> 0.03;
            default -> 0.01;
        };
        v.put("OTH_DRUGS", Math.round(opexK * drugs * rng.uniform(0.8, 1.2)));
        v.put("OTH_SUPPLIES", Math.round(opexK * rng.uniform(0.05, 0.10)));
        v.put("OTH_PREMISES", Math.round(opexK * rng.uniform(0.03, 0.07)));
        v.put("OTH_DEPN", Math.round(opexK * rng.uniform(0.025, 0.045)));
        v.put("OTH_CAP_BLD", Math.round(opexK * rng.uniform(0.005, 0.04)));
        v.put("OTH_CAP_MED", Math.round(opexK * rng.uniform(0.003, 0.02)));
        v.put("OTH_CASH", Math.round(opexK * rng.uniform(0.02, 0.12)));
        return v;
    }

    private Return find(String org, String year) {
        for (Return r : returns) {
            if (r.org().equals(org) && r.finYear().equals(year)) {
                return r;
            }
        }
        throw new IllegalStateException("no return for " + org + " " + year);
    }

    List<Return> returns() {
        return List.copyOf(returns);
    }

    Return resubmission() {
        return resubmission;
    }

    /** Destination for return lines: commons-csv for the sample, hand formatting at national volume. */
    private interface Sink extends AutoCloseable {
        void line(String org, String finYear, String subCode, long valueK);

        @Override
        void close();
    }

    /**
     * Writes the code list and the three snapshots. With {@code detailLines > 0} (national scale) every return
     * also carries that many detailed OTHER lines, as the real consolidation data does.
     */
    void write(LandingWriter out, int detailLines) {
        try (LandingTable t = out.table(Source.FINANCE_CODES, SnapshotPlan.FINANCE_BACKFILL)) {
            for (Code c : CODES) {
                t.row(c.subCode(), c.description(), c.measure());
            }
            for (int i = 1; i <= detailLines; i++) {
                t.row(detailCode(i), "Other consolidation line " + detailCode(i).substring(6), "OTHER");
            }
        }
        List<Return> backfill = new ArrayList<>();
        List<Return> latestYear = new ArrayList<>();
        for (Return r : returns) {
            (r.finYear().equals("2018-19") ? latestYear : backfill).add(r);
        }
        writeReturns(out, SnapshotPlan.FINANCE_BACKFILL, backfill, detailLines);
        writeReturns(out, SnapshotPlan.FINANCE_2018_19, latestYear, detailLines);
        writeReturns(out, SnapshotPlan.FINANCE_RESUBMISSION, List.of(resubmission), detailLines);
    }

    private static String detailCode(int i) {
        String n = Integer.toString(i);
        return "OTH_L_" + "0".repeat(Math.max(0, 5 - n.length())) + n;
    }

    private void writeReturns(LandingWriter out, LocalDate snapshot, List<Return> list, int detailLines) {
        try (Sink sink = detailLines == 0 ? commonsSink(out, snapshot) : fastSink(out, snapshot)) {
            String[] codes = new String[detailLines];
            for (int i = 0; i < detailLines; i++) {
                codes[i] = detailCode(i + 1);
            }
            for (Return r : list) {
                for (Map.Entry<String, Long> e : r.values().entrySet()) {
                    sink.line(r.org(), r.finYear(), e.getKey(), e.getValue());
                }
                if (detailLines > 0) {
                    long base = Math.max(1, r.values().get("OPEX_TOTAL") / 5000);
                    long h = Rng.derive(seed, "finance-detail-" + r.org() + r.finYear()
                            + (r == resubmission ? "-resubmitted" : ""));
                    for (int i = 0; i < detailLines; i++) {
                        h = Rng.mix(h + i);
                        sink.line(r.org(), r.finYear(), codes[i], Math.floorMod(h, base * 2 + 1));
                    }
                }
            }
        }
    }

    private static Sink commonsSink(LandingWriter out, LocalDate snapshot) {
        LandingTable table = out.table(Source.FINANCE_RETURNS, snapshot);
        return new Sink() {
            @Override
            public void line(String org, String finYear, String subCode, long valueK) {
                table.row(org, finYear, subCode, BigDecimal.valueOf(valueK).toPlainString());
            }

            @Override
            public void close() {
                table.close();
            }
        };
    }

    private static Sink fastSink(LandingWriter out, LocalDate snapshot) {
        FastCsvWriter w = new FastCsvWriter(out.rawStream(Source.FINANCE_RETURNS, snapshot));
        for (String h : Source.FINANCE_RETURNS.header()) {
            w.field(h);
        }
        w.endRow();
        return new Sink() {
            @Override
            public void line(String org, String finYear, String subCode, long valueK) {
                w.field(org).field(finYear).field(subCode).field(valueK).endRow();
            }

            @Override
            public void close() {
                long rows = w.rows();
                w.close();
                out.record(Source.FINANCE_RETURNS, snapshot, rows);
            }
        };
    }
}
