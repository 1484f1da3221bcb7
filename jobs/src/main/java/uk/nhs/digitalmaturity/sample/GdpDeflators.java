package uk.nhs.digitalmaturity.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.LandingWriter;

/**
 * GDP deflators at market prices by financial year. The 2020-03-11 snapshot is HM Treasury's Budget 2020 series
 * (2018-19 = 100) exactly as published, outturn years only. The 2019-07-01 snapshot is a modelled earlier vintage
 * in a different base year (2017-18 = 100) with a preliminary 2018-19 value, so that a run as at a 2019 date has
 * deflators and the pipeline's rebasing is exercised.
 */
final class GdpDeflators {
    /** The 2019 vintage's 2018-19 value was preliminary; the published outturn came in a little higher. */
    private static final BigDecimal PRELIMINARY_2018_19 = new BigDecimal("0.9975");

    /** fin_year → index as published (text kept verbatim). */
    private final Map<String, String> budget2020 = new TreeMap<>();

    GdpDeflators() {
        for (Map<String, String> r : Resources.csv("gdp-deflators-2020-03.csv")) {
            budget2020.put(r.get("fin_year"), r.get("index"));
        }
    }

    /** The Budget 2020 index (2018-19 = 100). */
    BigDecimal index(String finYear) {
        String value = budget2020.get(finYear);
        if (value == null) {
            throw new IllegalStateException("no deflator for " + finYear);
        }
        return new BigDecimal(value);
    }

    void write(LandingWriter out) {
        List<List<String>> vintage2019 = new ArrayList<>();
        BigDecimal base = index("2017-18");
        for (Map.Entry<String, String> e : budget2020.entrySet()) {
            if (e.getKey().compareTo("2008-09") < 0) {
                continue;
            }
            BigDecimal rebased = new BigDecimal(e.getValue()).multiply(BigDecimal.valueOf(100))
                    .divide(base, 10, RoundingMode.HALF_UP);
            if (e.getKey().equals("2018-19")) {
                rebased = rebased.multiply(PRELIMINARY_2018_19);
            }
            vintage2019.add(List.of(e.getKey(), rebased.setScale(4, RoundingMode.HALF_UP).toPlainString()));
        }
        out.write(Source.DEFLATORS, SnapshotPlan.DEFLATORS_2019, vintage2019);

        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : budget2020.entrySet()) {
            rows.add(List.of(e.getKey(), e.getValue()));
        }
        out.write(Source.DEFLATORS, SnapshotPlan.DEFLATORS_2020, rows);
    }
}
