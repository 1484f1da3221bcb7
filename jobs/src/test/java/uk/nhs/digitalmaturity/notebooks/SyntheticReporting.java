package uk.nhs.digitalmaturity.notebooks;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.testing.Repo;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * A lakehouse holding the reporting tables the figures read that other branches are still building
 * (digital_records, standards_compliance, dma_theme_summary, it_capex_by_year, it_capex_per_fte), with only
 * their required columns, written straight as Delta tables. Built once per JVM. Figure 10's 2017 counts are
 * chosen so that, over 232 trusts, they round to the NAO's published per cents (NO_RESPONSE 3 and
 * NOT_APPLICABLE 1 round to 1% and 0% apart, 2% together, as the report's first row). A 2016 year is there
 * too, so that the notebook's "latest year" is exercised. The other numbers are made up.
 */
final class SyntheticReporting {
    static final String AS_AT = "2026-11-24";
    static final List<String> STATEMENTS = List.of("RELIABLE", "RECORDED_ONCE", "VIEW_SHARED", "CONTRIBUTE_SHARED");
    static final List<String> ANSWERS = List.of("NO_RESPONSE", "NOT_APPLICABLE", "DONT_KNOW", "DISAGREE_COMPLETELY",
            "SOMEWHAT_DISAGREE", "NEITHER", "MOSTLY_AGREE", "AGREE_COMPLETELY");
    /** Trusts per answer (in {@link #ANSWERS} order) of each statement, 2017, 232 trusts. */
    static final Map<String, long[]> COUNTS_2017 = Map.of(
            "RELIABLE", new long[] {3, 1, 0, 16, 34, 51, 75, 52},
            "RECORDED_ONCE", new long[] {3, 1, 0, 18, 39, 48, 92, 31},
            "VIEW_SHARED", new long[] {3, 1, 0, 84, 52, 42, 40, 10},
            "CONTRIBUTE_SHARED", new long[] {3, 1, 0, 108, 50, 34, 31, 5});

    private static Path lakehouse;
    private static RunInfo run;

    private SyntheticReporting() {
    }

    static synchronized Path lakehouse() {
        if (lakehouse == null) {
            build();
        }
        return lakehouse;
    }

    static synchronized RunInfo run() {
        lakehouse();
        return run;
    }

    static Lakehouse lake() {
        return new Lakehouse(lakehouse().toUri().toString());
    }

    private static void build() {
        SparkSession spark = SharedSpark.get();
        Path dir = Repo.buildDir().resolve("notebook-tests/synthetic-lakehouse");
        NotebookFolders.delete(dir);
        Map<String, RunInfo.Table> tables = new TreeMap<>();

        List<Row> records = new ArrayList<>();
        for (String s : STATEMENTS) {
            long[] c = COUNTS_2017.get(s);
            for (int i = 0; i < ANSWERS.size(); i++) {
                records.add(RowFactory.create("2017", s, ANSWERS.get(i), c[i], 100.0 * c[i] / 232));
                // 2016: 238 trusts, everyone "Neither": the notebook must show 2017, not this
                records.add(RowFactory.create("2016", s, ANSWERS.get(i), i == 5 ? 238L : 0L, i == 5 ? 100.0 : 0.0));
            }
        }
        write(spark, dir, tables, "digital_records", new StructType().add("survey_year", DataTypes.StringType)
                .add("statement", DataTypes.StringType).add("answer_code", DataTypes.StringType)
                .add("trusts", DataTypes.LongType).add("share_pct", DataTypes.DoubleType), records);

        List<Row> standards = new ArrayList<>();
        long[][] agreement = {{2, 0, 10, 60, 70, 55, 30, 5}, {2, 1, 6, 20, 40, 45, 60, 58}, {3, 4, 20, 80, 50, 31, 30, 14},
                {2, 0, 3, 30, 40, 39, 70, 48}};
        List<String> names = List.of("SNOMED_CT", "PALLIATIVE_CARE", "GS1", "DMD");
        for (int s = 0; s < names.size(); s++) {
            for (int i = 0; i < ANSWERS.size(); i++) {
                standards.add(RowFactory.create("2017", names.get(s), ANSWERS.get(i), agreement[s][i],
                        100.0 * agreement[s][i] / 232));
            }
        }
        String[] bands = {"NO_RESPONSE", "PCT_0_50", "PCT_51_75", "PCT_76_80", "PCT_81_85", "PCT_86_90", "PCT_91_95",
                "PCT_96_100"};
        long[] nhs = {1, 2, 3, 4, 5, 6, 37, 174};
        for (int i = 0; i < bands.length; i++) {
            standards.add(RowFactory.create("2017", "NHS_NUMBER", bands[i], nhs[i], 100.0 * nhs[i] / 232));
        }
        write(spark, dir, tables, "standards_compliance", new StructType().add("survey_year", DataTypes.StringType)
                .add("standard", DataTypes.StringType).add("answer_code", DataTypes.StringType)
                .add("trusts", DataTypes.LongType).add("share_pct", DataTypes.DoubleType), standards);

        List<Row> themes = new ArrayList<>();
        Object[][] bandsByTheme = {
                {"2016", "READINESS", 238L, new long[] {20, 63, 155}}, {"2017", "READINESS", 232L, new long[] {8, 31, 193}},
                {"2016", "CAPABILITY", 238L, new long[] {60, 160, 18}}, {"2017", "CAPABILITY", 232L, new long[] {37, 165, 30}},
                {"2016", "INFRASTRUCTURE", 238L, new long[] {15, 100, 123}},
                {"2017", "INFRASTRUCTURE", 232L, new long[] {9, 80, 143}}};
        List<String> bandNames = List.of("LOW", "MEDIUM", "HIGH");
        for (Object[] t : bandsByTheme) {
            long n = (Long) t[2];
            long[] c = (long[]) t[3];
            for (int b = 0; b < 3; b++) {
                double[] ci = wilson(c[b], n);
                themes.add(RowFactory.create(t[0], t[1], bandNames.get(b), c[b], n, 100.0 * c[b] / n, ci[0], ci[1]));
            }
        }
        write(spark, dir, tables, "dma_theme_summary", new StructType().add("survey_year", DataTypes.StringType)
                .add("theme", DataTypes.StringType).add("band", DataTypes.StringType).add("trusts", DataTypes.LongType)
                .add("responding_trusts", DataTypes.LongType).add("share_pct", DataTypes.DoubleType)
                .add("ci_low_pct", DataTypes.DoubleType).add("ci_high_pct", DataTypes.DoubleType), themes);

        List<Row> capex = new ArrayList<>();
        String[] years = {"2013-14", "2014-15", "2015-16", "2016-17", "2017-18", "2018-19"};
        double[] nominal = {402.5e6, 388.1e6, 455.0e6, 430.9e6, 512.3e6, 596.8e6};
        double[] deflator = {0.935, 0.948, 0.955, 0.972, 0.987, 1.0};
        for (int i = 0; i < years.length; i++) {
            capex.add(RowFactory.create(years[i], nominal[i], nominal[i] / deflator[i], 226L + i));
        }
        write(spark, dir, tables, "it_capex_by_year", new StructType().add("fin_year", DataTypes.StringType)
                .add("it_capex_nominal_gbp", DataTypes.DoubleType).add("it_capex_real_gbp", DataTypes.DoubleType)
                .add("trusts_reporting", DataTypes.LongType), capex);

        List<Row> perFte = new ArrayList<>();
        String[] sectors = {"ACUTE", "ACUTE", "ACUTE", "MENTAL_HEALTH", "COMMUNITY", "AMBULANCE", "SPECIALIST", "ACUTE"};
        for (int i = 0; i < 60; i++) {
            double fte = 1500 + (i * 7919 % 97) * 80;
            double capex2 = 200_000 + (i * 104_729 % 211) * 21_000.0;
            perFte.add(RowFactory.create(String.format("R%02d", i), "Synthetic trust " + i, sectors[i % sectors.length],
                    6L - i % 3, capex2, fte, capex2 / fte));
        }
        write(spark, dir, tables, "it_capex_per_fte", new StructType().add("org_code", DataTypes.StringType)
                .add("org_name", DataTypes.StringType).add("sector", DataTypes.StringType)
                .add("years_with_returns", DataTypes.LongType).add("avg_annual_it_capex_gbp", DataTypes.DoubleType)
                .add("fte", DataTypes.DoubleType).add("it_capex_per_fte_gbp", DataTypes.DoubleType), perFte);

        Map<String, String> parameters = new TreeMap<>(Map.of("price_base_year", "2018-19", "window_start", "2013-14",
                "window_end", "2018-19", "as_at", AS_AT));
        run = new RunInfo("r20261124-synthetic0000", LocalDate.parse(AS_AT), "0.1.0+code.synthetic", parameters, tables);
        lakehouse = dir;
    }

    private static void write(SparkSession spark, Path dir, Map<String, RunInfo.Table> tables, String name,
                              StructType schema, List<Row> rows) {
        spark.createDataFrame(rows, schema).coalesce(1).write().format("delta")
                .save(dir.resolve("reporting").resolve(name).toString());
        tables.put("reporting." + name, new RunInfo.Table(0, rows.size()));
    }

    /** The 95% Wilson score interval of k successes in n, in per cent. */
    private static double[] wilson(long k, long n) {
        double z = 1.959963984540054;
        double p = (double) k / n;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return new double[] {100 * (centre - half), 100 * (centre + half)};
    }
}
