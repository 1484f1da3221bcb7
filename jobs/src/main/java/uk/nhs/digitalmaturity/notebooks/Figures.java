package uk.nhs.digitalmaturity.notebooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import uk.nhs.digitalmaturity.contract.DsptStatus;

/**
 * The notebooks of the export, one per figure of the NAO report (and one for cyber security), each a list of
 * queries on {@code reporting} tables with the charts drawn from their results. Every chart is drawn only
 * from the rows its query returned, which the notebook shows beside it.
 */
public final class Figures {

    /** One query of a notebook: the table it reads, its SQL, and the charts drawn from its result. */
    public record Section(String heading, String table, String sql,
                          BiFunction<ResultTable, RunInfo, List<ChartData>> charts) {
    }

    /** One notebook. {@code report} is what the NAO report says, with its paragraph numbers. */
    public record Figure(String file, String title, String shows, String report, List<Section> sections) {
        public List<String> tables() {
            return sections.stream().map(Section::table).distinct().toList();
        }
    }

    private static final Set<String> AGREEMENT = Set.of("DISAGREE_COMPLETELY", "SOMEWHAT_DISAGREE", "NEITHER",
            "MOSTLY_AGREE", "AGREE_COMPLETELY");

    private Figures() {
    }

    public static List<Figure> all() {
        return List.of(figure4(), figure6(), figure7(), figure9(), figure10(), cyber(), programmes(), gpPractices());
    }

    // ---------------------------------------------------------------- Figure 4

    static final String FIGURE_4_SQL = """
            -- Figure 4: trusts in each maturity band, by theme and survey year
            -- (% of responding trusts, with the 95% Wilson interval)
            SELECT
                survey_year,
                theme,
                band,
                trusts,
                responding_trusts,
                round(share_pct)    AS share_pct_rounded,
                share_pct,
                ci_low_pct,
                ci_high_pct
            FROM reporting.dma_theme_summary
            WHERE theme IN ('READINESS', 'CAPABILITY', 'INFRASTRUCTURE')
            ORDER BY
                array_position(array('READINESS', 'CAPABILITY', 'INFRASTRUCTURE'), theme),
                survey_year,
                coalesce(nullif(array_position(array('LOW', 'MEDIUM', 'HIGH'), band), 0), 99),
                band""";

    private static Figure figure4() {
        return new Figure("figure-04-dma-maturity-bands.ipynb",
                "Figure 4: Digital maturity of trusts by theme, 2016 and 2017",
                "The share of trusts whose self-assessed digital maturity score (out of 100%) is low (below 40), "
                        + "medium (40 to 69) or high (above 69) on each of the three themes of the digital "
                        + "maturity assessment (readiness, capability, infrastructure), for each survey year, "
                        + "with 95% Wilson confidence intervals in the table.",
                "Paragraphs 1.19–1.20: the assessment's 175 questions are aggregated into a score out of 100% on "
                        + "three themes; 238 trusts responded in 2016 and 232 in 2017. 65% of trusts were high on "
                        + "readiness in 2016 and 83% in 2017. In 2017 16% of trusts (\"nearly one fifth\") were low "
                        + "on capability and 30 trusts rated themselves high on it; most trusts were high on "
                        + "readiness and infrastructure.",
                List.of(new Section(null, "reporting.dma_theme_summary", FIGURE_4_SQL, (t, run) -> {
                    List<Object> years = t.column("survey_year").stream().distinct().sorted().toList();
                    int band = t.index("band");
                    return List.of(ChartData.pivot(ChartData.STACKED_HORIZONTAL,
                            "Figure 4: Trusts' digital maturity by theme, " + join(years),
                            subtitle("reporting.dma_theme_summary", run), "", "% of responding trusts", "0", t,
                            r -> Labels.of(r.get(t.index("theme"))) + " " + r.get(t.index("survey_year")),
                            r -> Labels.of(r.get(band)),
                            r -> rank(List.of("LOW", "MEDIUM", "HIGH"), r.get(band)),
                            "share_pct"));
                }), new Section("## Movement between bands", "reporting.dma_band_transitions", BAND_TRANSITIONS_SQL,
                        (t, run) -> {
                            int to = t.index("band_to");
                            return t.rows().isEmpty() ? List.of() : List.of(ChartData.pivot(
                                    ChartData.STACKED_HORIZONTAL,
                                    "Trusts by band in the earlier survey and band in the later one",
                                    subtitle("reporting.dma_band_transitions", run), "", "Trusts", "0", t,
                                    r -> Labels.of(r.get(t.index("theme"))) + ", " + r.get(t.index("survey_year_from"))
                                            + " " + Labels.of(r.get(t.index("band_from"))),
                                    r -> r.get(t.index("survey_year_to")) + " " + Labels.of(r.get(to)),
                                    r -> rank(List.of("NOT_SCORED", "LOW", "MEDIUM", "HIGH"), r.get(to)),
                                    "trusts"));
                        })));
    }

    static final String BAND_TRANSITIONS_SQL = """
            -- Figure 4 shows the share per band; this shows who moved: trusts by band in the earlier survey
            -- and in the later one (NOT_SCORED: entered, or left)
            SELECT
                t.survey_year_from,
                t.survey_year_to,
                t.theme,
                t.band_from,
                t.band_to,
                t.movement,
                t.trusts,
                round(t.share_of_band_from_pct) AS share_of_band_from_pct_rounded
            FROM reporting.dma_band_transitions AS t
            ORDER BY t.survey_year_to, t.theme_order, t.band_from_order, t.band_to_order""";

    // ---------------------------------------------------------------- Figure 6

    static final String FIGURE_6_SQL = """
            -- Figure 6: trusts' capital expenditure on IT by financial year, in cash terms and in the
            -- prices of the run's price base year
            SELECT
                fin_year,
                round(it_capex_nominal_gbp)  AS it_capex_nominal_gbp,
                round(it_capex_real_gbp)     AS it_capex_real_gbp,
                trusts_reporting
            FROM reporting.it_capex_by_year
            ORDER BY fin_year""";

    private static Figure figure6() {
        return new Figure("figure-06-it-capex-by-year.ipynb",
                "Figure 6: Trusts' capital expenditure on IT, by financial year",
                "The capital expenditure of NHS trusts on IT assets (hardware, software and internally "
                        + "generated IT) in each financial year, in cash terms and in real terms (the prices of the "
                        + "run's price base year, by the GDP deflators), in pounds: gross additions, never net of "
                        + "disposals (`reporting.it_capex_by_year` shows disposals in their own columns).",
                "Paragraph 3.9 and Figure 6: trusts' capital expenditure on IT from 2013-14 to 2018-19, in "
                        + "2018-19 prices, fluctuates but rises overall. NHSE&I estimates that trusts spend less than "
                        + "2% of their total expenditure on IT (capital and revenue), against a recommended 5% of "
                        + "turnover; trusts' revenue spending on IT is not identifiable in their returns.",
                List.of(new Section(null, "reporting.it_capex_by_year", FIGURE_6_SQL, (t, run) -> {
                    List<String> years = t.column("fin_year").stream().map(String::valueOf).toList();
                    String base = run.parameters().getOrDefault("price_base_year", "base-year");
                    List<ChartData.Series> series = List.of(
                            new ChartData.Series("Nominal", millions(t.column("it_capex_nominal_gbp"))),
                            new ChartData.Series("Real terms", millions(t.column("it_capex_real_gbp"))));
                    String span = years.isEmpty() ? "" : ", " + years.get(0) + " to " + years.get(years.size() - 1);
                    return List.of(new ChartData(ChartData.GROUPED,
                            "Figure 6: Trusts' capital expenditure on IT" + span,
                            subtitle("reporting.it_capex_by_year", run) + " · real terms in " + base + " prices",
                            "Financial year", "£ million", years, series, List.of(), null, null, "#,##0.0"));
                })));
    }

    // ---------------------------------------------------------------- Figure 7

    static final String FIGURE_7_SQL = """
            -- Figure 7: each trust's average annual capital expenditure on IT over the window, in base-year
            -- prices, divided by its full-time-equivalent staff in the reference month; lowest first
            SELECT
                org_code,
                org_name,
                sector,
                years_with_returns,
                round(avg_annual_it_capex_gbp)                         AS avg_annual_it_capex_gbp,
                round(fte, 1)                                          AS fte,
                round(it_capex_per_fte_gbp)                            AS it_capex_per_fte_gbp,
                round(percentile(it_capex_per_fte_gbp, 0.5) OVER ())   AS median_it_capex_per_fte_gbp
            FROM reporting.it_capex_per_fte
            ORDER BY it_capex_per_fte_gbp, org_code""";

    private static Figure figure7() {
        return new Figure("figure-07-it-capex-per-fte.ipynb",
                "Figure 7: Trusts' average annual capital expenditure on IT per full-time-equivalent staff",
                "One bar per trust, lowest to highest: the trust's average annual IT capital expenditure over "
                        + "the window (in base-year prices) divided by its full-time-equivalent staff in the "
                        + "reference month, coloured by sector, with the median across trusts. Trusts without "
                        + "workforce in the reference month or without any finance return in the window are left "
                        + "out and listed with the reason in `reporting.it_capex_per_fte_exclusions`.",
                "Paragraph 3.12 and Figure 7: each trust's average annual capital expenditure on IT over 2013-14 "
                        + "to 2018-19 divided by its full-time-equivalent staff at December 2018 shows \"wide "
                        + "variation\" between trusts. Trusts without December 2018 workforce data, or without any "
                        + "financial data in the window, are excluded.",
                List.of(new Section(null, "reporting.it_capex_per_fte", FIGURE_7_SQL, (t, run) -> {
                    if (t.rows().isEmpty()) {
                        return List.of();
                    }
                    List<Double> values = t.column("it_capex_per_fte_gbp").stream().map(Figures::number).toList();
                    List<String> sectors = t.column("sector").stream().map(Labels::of).toList();
                    Double median = number(t.column("median_it_capex_per_fte_gbp").get(0));
                    String window = run.parameters().getOrDefault("window_start", "") + " to "
                            + run.parameters().getOrDefault("window_end", "");
                    // Which trusts the bars are: those current at the run's organisations date (issue 12).
                    String organisations = run.parameters().containsKey("organisations_as_at")
                            ? " as at " + run.parameters().get("organisations_as_at") : "";
                    return List.of(new ChartData(ChartData.RANKED,
                            "Figure 7: IT capital expenditure per FTE by trust, " + window,
                            subtitle("reporting.it_capex_per_fte", run) + " · " + t.rows().size() + " trusts"
                                    + organisations,
                            "Trusts, lowest to highest", "£ per full-time-equivalent staff (base-year prices)",
                            t.column("org_code").stream().map(String::valueOf).toList(),
                            List.of(new ChartData.Series("IT capital expenditure per FTE", values)), sectors,
                            median, "Median £" + ResultTable.format(median) + " per FTE", null));
                })));
    }

    // ---------------------------------------------------------------- Figure 9

    static final String FIGURE_9_SQL = """
            -- Figure 9: trusts' answers on their compliance with each standard, latest survey year
            WITH answers AS (
                SELECT * FROM VALUES
            %s
                    AS a(answer_code, answer, answer_order)
            )
            SELECT
                s.survey_year,
                s.standard,
                s.answer_code,
                coalesce(a.answer, s.answer_code)   AS answer,
                coalesce(a.answer_order, 99)        AS answer_order,
                s.trusts,
                round(s.share_pct)                  AS share_pct_rounded,
                s.share_pct
            FROM reporting.standards_compliance AS s
            LEFT JOIN answers AS a ON a.answer_code = s.answer_code
            WHERE s.survey_year = (SELECT max(survey_year) FROM reporting.standards_compliance)
            ORDER BY
                coalesce(nullif(array_position(array('SNOMED_CT', 'DMD', 'GS1', 'PALLIATIVE_CARE', 'PRSB_HEADINGS', 'NHS_NUMBER'),
                    s.standard), 0), 99),
                s.standard,
                answer_order,
                s.answer_code""".formatted(values(Labels.ANSWERS));

    private static Figure figure9() {
        return new Figure("figure-09-standards-compliance.ipynb",
                "Figure 9: Trusts' compliance with standards",
                "How trusts answered the digital maturity assessment's questions on the standards they comply "
                        + "with (SNOMED CT, dm+d, GS1, the palliative care standard and a fifth, modelled in the "
                        + "sample data) and on how much of the patient information they share carries the NHS "
                        + "number, the one mandatory standard, as a share of the trusts asked, for the latest survey "
                        + "year. NO_RESPONSE is a trust asked the question that did not answer it.",
                "Figure 9 and its notes (2017, 232 trusts): 15% of trusts were mostly or completely compliant with "
                        + "SNOMED CT; 51% completely or mostly agreed that they complied with the palliative care "
                        + "standard and 19% with GS1. 75% of trusts used the NHS number for 96–100% of the patient "
                        + "information they shared and another 16% for 91–95%; only the NHS number is mandatory.",
                List.of(new Section(null, "reporting.standards_compliance", FIGURE_9_SQL, (t, run) -> {
                    if (t.rows().isEmpty()) {
                        return List.of();
                    }
                    int standard = t.index("standard");
                    int answer = t.index("answer");
                    int order = t.index("answer_order");
                    String year = String.valueOf(t.rows().get(0).get(t.index("survey_year")));
                    // Standards answered on the agreement scale share one chart; any other scale (the NHS number
                    // bands) gets a chart of its own.
                    Map<Object, List<List<Object>>> byStandard = t.rows().stream().collect(
                            Collectors.groupingBy(r -> r.get(standard), LinkedHashMap::new, Collectors.toList()));
                    List<List<Object>> agreement = new ArrayList<>();
                    List<List<List<Object>>> others = new ArrayList<>();
                    byStandard.forEach((s, rows) -> {
                        if (rows.stream().anyMatch(r -> AGREEMENT.contains(String.valueOf(r.get(t.index("answer_code")))))) {
                            agreement.addAll(rows);
                        } else {
                            others.add(rows);
                        }
                    });
                    List<ChartData> charts = new ArrayList<>();
                    String sub = subtitle("reporting.standards_compliance", run);
                    if (!agreement.isEmpty()) {
                        charts.add(ChartData.pivot(ChartData.STACKED_HORIZONTAL,
                                "Figure 9: Trusts' compliance with standards, " + year, sub, "", "% of trusts", "0",
                                new ResultTable(t.columns(), agreement), r -> Labels.of(r.get(standard)),
                                r -> String.valueOf(r.get(answer)), r -> number(r.get(order)), "share_pct"));
                    }
                    for (List<List<Object>> rows : others) {
                        String name = Labels.of(rows.get(0).get(standard));
                        charts.add(ChartData.pivot(ChartData.STACKED_HORIZONTAL,
                                "Figure 9 (notes): share of shared patient information with the " + name + ", "
                                        + year, sub, "", "% of trusts", "0", new ResultTable(t.columns(), rows),
                                r -> Labels.of(r.get(standard)), r -> String.valueOf(r.get(answer)),
                                r -> number(r.get(order)), "share_pct"));
                    }
                    return charts;
                })));
    }

    // ---------------------------------------------------------------- Figure 10

    /** The report's rows of Figure 10: no response and not applicable together, then don't know, then agreement. */
    static final List<Labels.Answer> FIGURE_10_ROWS = List.of(
            new Labels.Answer("NO_RESPONSE", Labels.NO_RESPONSE_OR_NA, 1),
            new Labels.Answer("NOT_APPLICABLE", Labels.NO_RESPONSE_OR_NA, 1),
            new Labels.Answer("DONT_KNOW", "Don't know", 2),
            new Labels.Answer("DISAGREE_COMPLETELY", "Disagree completely", 3),
            new Labels.Answer("SOMEWHAT_DISAGREE", "Somewhat disagree", 4),
            new Labels.Answer("NEITHER", "Neither agree or disagree", 5),
            new Labels.Answer("MOSTLY_AGREE", "Mostly agree", 6),
            new Labels.Answer("AGREE_COMPLETELY", "Agree completely", 7));

    static final String FIGURE_10_SQL = """
            -- Figure 10: trusts' answers on their digital records, latest survey year, in the report's rows
            -- ("No response or not applicable" is NO_RESPONSE and NOT_APPLICABLE together)
            WITH answers AS (
                SELECT * FROM VALUES
            %s
                    AS a(answer_code, answer, answer_order)
            ),

            latest AS (
                SELECT max(survey_year) AS survey_year FROM reporting.digital_records
            ),

            report_rows AS (
                SELECT
                    r.survey_year,
                    r.statement,
                    coalesce(a.answer, r.answer_code)   AS answer,
                    coalesce(a.answer_order, 99)        AS answer_order,
                    sum(r.trusts)                       AS trusts,
                    sum(r.share_pct)                    AS share_pct
                FROM reporting.digital_records AS r
                JOIN latest AS l ON l.survey_year = r.survey_year
                LEFT JOIN answers AS a ON a.answer_code = r.answer_code
                GROUP BY r.survey_year, r.statement, coalesce(a.answer, r.answer_code), coalesce(a.answer_order, 99)
            )

            SELECT
                survey_year,
                statement,
                answer_order,
                answer,
                trusts,
                round(share_pct)    AS share_pct_rounded,
                share_pct
            FROM report_rows
            ORDER BY
                coalesce(nullif(array_position(array('RELIABLE', 'RECORDED_ONCE', 'VIEW_SHARED', 'CONTRIBUTE_SHARED'),
                    statement), 0), 99),
                statement,
                answer_order,
                answer""".formatted(values(FIGURE_10_ROWS));

    private static Figure figure10() {
        return new Figure("figure-10-digital-records.ipynb",
                "Figure 10: Trusts' views of their digital records",
                "How trusts answered four statements about their digital records (staff can rely on them; "
                        + "information is recorded once; clinicians can view, and can contribute to, a shared "
                        + "record), as a share of responding trusts, for the latest survey year: one stacked bar "
                        + "per statement, in the report's answer order, labelled in whole per cent as the report "
                        + "shows them (`share_pct_rounded`; `share_pct` is unrounded).",
                "Figure 10 (2017, 232 trusts, % of trusts); totals may not equal 100 because of rounding. \"54% of "
                        + "trusts reported that their staff could rely on their digital records\" is 32 + 22.\n\n"
                        + "| answer | records reliable | recorded once | can view shared record | can contribute to shared record |\n"
                        + "|---|---:|---:|---:|---:|\n"
                        + "| No response or not applicable | 2 | 2 | 2 | 2 |\n"
                        + "| Don't know | 0 | 0 | 0 | 0 |\n"
                        + "| Disagree completely | 7 | 8 | 36 | 47 |\n"
                        + "| Somewhat disagree | 15 | 17 | 22 | 22 |\n"
                        + "| Neither agree or disagree | 22 | 21 | 18 | 15 |\n"
                        + "| Mostly agree | 32 | 40 | 17 | 13 |\n"
                        + "| Agree completely | 22 | 13 | 4 | 2 |",
                List.of(new Section(null, "reporting.digital_records", FIGURE_10_SQL, (t, run) -> {
                    if (t.rows().isEmpty()) {
                        return List.of();
                    }
                    String year = String.valueOf(t.rows().get(0).get(t.index("survey_year")));
                    return List.of(figure10Chart(t, subtitle("reporting.digital_records", run), year));
                })));
    }

    /** Figure 10's chart: a bar per statement, a segment per report row, values in unrounded per cent. */
    static ChartData figure10Chart(ResultTable t, String subtitle, String year) {
        int statement = t.index("statement");
        int answer = t.index("answer");
        int order = t.index("answer_order");
        return ChartData.pivot(ChartData.STACKED_HORIZONTAL, "Figure 10: Trusts' views of their digital records, "
                        + year, subtitle, "", "% of trusts", "0", t, r -> Labels.of(r.get(statement)),
                r -> String.valueOf(r.get(answer)), r -> number(r.get(order)), "share_pct");
    }

    // ---------------------------------------------------------------- Cyber security

    /**
     * Shown as written in the notebook, so laid out by hand; its status order is {@link DsptStatus}'s, which a
     * unit test holds it to.
     */
    static final String DSPT_SQL = """
            -- Paragraph 2.11: Data Security and Protection Toolkit status of trusts by toolkit year
            SELECT
                dspt_year,
                status,
                trusts,
                round(share_pct)    AS share_pct_rounded,
                share_pct,
                trusts_returned,
                trusts_passed,
                round(passed_pct)   AS passed_pct_rounded
            FROM reporting.dspt_summary
            ORDER BY
                dspt_year,
                coalesce(nullif(array_position(array('STANDARDS_EXCEEDED', 'STANDARDS_MET', 'PLAN_AGREED',
                    'APPROACHING_STANDARDS', 'STANDARDS_NOT_MET', 'ENTRY_LEVEL', 'INTERIM_SUBMITTED',
                    'NOT_PUBLISHED'), status), 0), 99),
                status""";

    static final String CYBER_SQL = """
            -- Paragraph 2.15: Cyber Essentials Plus on-site assessments, national figures at the reporting
            -- date and at each comparison date (each trust's latest assessment on or before the date)
            SELECT
                as_at,
                trusts_assessed,
                round(mean_score_pct)     AS mean_score_pct_rounded,
                mean_score_pct,
                round(median_score_pct)   AS median_score_pct_rounded,
                median_score_pct,
                trusts_passed
            FROM reporting.cyber_summary
            ORDER BY as_at""";

    private static Figure cyber() {
        return new Figure("cyber-security.ipynb",
                "Cyber security: Data Security and Protection Toolkit and Cyber Essentials Plus",
                "Two national measures of trusts' cyber security. First, the Data Security and Protection "
                        + "Toolkit status of trusts in each toolkit year (a trust passes the full assessment when "
                        + "it meets or exceeds the standards). Second, Cyber Essentials Plus on-site assessments: "
                        + "trusts assessed, and the mean and median score of each trust's latest assessment, at "
                        + "the reporting date and at the comparison dates. Only national aggregates are "
                        + "published: trust-level cyber results stay in the restricted zone.",
                "Paragraph 2.11: in the 2019-20 toolkit 223 trusts returned an assessment and 62 (28%) passed the "
                        + "full assessment; about two-thirds had completed only an interim assessment. In 2018-19, "
                        + "100 trusts had not met the standard by April 2019.\n\n"
                        + "Paragraph 2.15: 88 of 236 trusts had been assessed for Cyber Essentials Plus at the "
                        + "time of WannaCry (2017) and none passed; by February 2020 204 trusts had been assessed, "
                        + "with an average score of 63% (about 50% in late 2017), and one trust scored 100%.",
                List.of(new Section("## Data Security and Protection Toolkit", "reporting.dspt_summary", DSPT_SQL,
                                (t, run) -> {
                                    int status = t.index("status");
                                    return t.rows().isEmpty() ? List.of() : List.of(ChartData.pivot(
                                            ChartData.STACKED_HORIZONTAL,
                                            "Data Security and Protection Toolkit status of trusts, by toolkit year",
                                            subtitle("reporting.dspt_summary", run), "", "% of trusts listed", "0",
                                            t, r -> String.valueOf(r.get(t.index("dspt_year"))),
                                            r -> DsptStatus.valueOf(String.valueOf(r.get(status))).label(),
                                            r -> DsptStatus.valueOf(String.valueOf(r.get(status))).ordinal(),
                                            "share_pct"));
                                }),
                        new Section("## Cyber Essentials Plus", "reporting.cyber_summary", CYBER_SQL, (t, run) -> {
                            if (t.rows().isEmpty()) {
                                return List.of();
                            }
                            List<String> dates = new ArrayList<>();
                            for (List<Object> r : t.rows()) {
                                dates.add(r.get(t.index("as_at")) + " (" + ResultTable.format(r.get(t.index("trusts_assessed")))
                                        + " assessed)");
                            }
                            List<ChartData.Series> series = List.of(
                                    new ChartData.Series("Mean score", t.column("mean_score_pct").stream().map(Figures::number).toList()),
                                    new ChartData.Series("Median score", t.column("median_score_pct").stream().map(Figures::number).toList()));
                            return List.of(new ChartData(ChartData.GROUPED,
                                    "Cyber Essentials Plus: scores of trusts' latest on-site assessment",
                                    subtitle("reporting.cyber_summary", run), "Date (trusts assessed by then)",
                                    "Score (%)", dates, series, List.of(), null, null, "0"));
                        })));
    }

    // ---------------------------------------------------------------- national funding programmes

    static final String PROGRAMME_MATURITY_SQL = """
            -- Digital maturity by national funding programme: share of the group's trusts high on each theme,
            -- mean score, and the mean change since the previous survey with its test against other trusts
            SELECT
                programme_group,
                survey_year,
                theme,
                trusts,
                round(mean_score, 1)        AS mean_score,
                share_high_pct,
                round(share_high_pct)       AS share_high_pct_rounded,
                paired_trusts,
                round(mean_change, 1)       AS mean_change,
                round(change_p_value, 3)    AS change_p_value,
                change_conclusion
            FROM reporting.programme_maturity
            ORDER BY survey_year, theme_order, group_order""";

    static final String PROGRAMME_CAPEX_SQL = """
            -- IT capital expenditure per FTE (Figure 7's measure) by programme group: a figure of the group
            SELECT DISTINCT
                programme_group,
                it_capex_per_fte_trusts,
                round(it_capex_per_fte_mean_gbp)    AS it_capex_per_fte_mean_gbp,
                round(it_capex_per_fte_median_gbp)  AS it_capex_per_fte_median_gbp,
                group_order
            FROM reporting.programme_maturity
            ORDER BY group_order""";

    private static Figure programmes() {
        return new Figure("national-funding-programmes.ipynb",
                "National digital funding programmes: maturity of exemplars, fast followers, aspirants and others",
                "For Global Digital Exemplars, their fast followers, digital aspirants and all other trusts: the "
                        + "share of each group's trusts with a high self-assessed digital maturity score on each "
                        + "theme, by survey year; the change between surveys compared with other trusts "
                        + "(Mann-Whitney U test); and IT capital expenditure per FTE by group. Membership was not "
                        + "random (exemplars were chosen for being already mature), so differences are "
                        + "associations, not effects of the funding.",
                "Summary 7 and paragraph 3.11: £385 million was committed from 2016-17 to 26 Global Digital "
                        + "Exemplars that were already relatively digitally mature, with 24 fast followers receiving "
                        + "a smaller share, and £28 million went to 23 digital aspirants in 2019-20; \"it is less "
                        + "clear whether good practices will spread to other trusts\".",
                List.of(new Section(null, "reporting.programme_maturity", PROGRAMME_MATURITY_SQL, (t, run) -> {
                    int group = t.index("programme_group");
                    return t.rows().isEmpty() ? List.of() : List.of(ChartData.pivot(ChartData.GROUPED,
                            "Trusts with a high digital maturity score, by programme group",
                            subtitle("reporting.programme_maturity", run), "", "% of the group's trusts", "0", t,
                            r -> Labels.of(r.get(t.index("theme"))) + " " + r.get(t.index("survey_year")),
                            r -> Labels.of(r.get(group)),
                            r -> rank(List.of("GLOBAL_DIGITAL_EXEMPLAR", "FAST_FOLLOWER", "DIGITAL_ASPIRANT", "OTHER"),
                                    r.get(group)),
                            "share_high_pct"));
                }), new Section("## IT capital expenditure per FTE", "reporting.programme_maturity", PROGRAMME_CAPEX_SQL,
                        (t, run) -> {
                            int group = t.index("programme_group");
                            return t.rows().isEmpty() ? List.of() : List.of(ChartData.pivot(ChartData.GROUPED,
                                    "Median IT capital expenditure per FTE, by programme group",
                                    subtitle("reporting.programme_maturity", run), "", "£ per FTE", "0", t,
                                    r -> Labels.of(r.get(group)), r -> "Median", r -> 0,
                                    "it_capex_per_fte_median_gbp"));
                        })));
    }

    // ---------------------------------------------------------------- GP practices

    static final String GP_SURVEY_SQL = """
            -- Paragraphs 1.21 and 4.15: GP practices' digital maturity survey, national results (never per
            -- practice): the share of the practices answering each question that gave each answer
            SELECT
                survey_year,
                topic,
                question_id,
                question_text,
                answer_label,
                practices,
                practices_answering,
                share_pct,
                round(share_pct)    AS share_pct_rounded,
                answer_order
            FROM reporting.gp_digital_maturity
            ORDER BY survey_year, question_id, answer_order""";

    static final String GP_DSPT_SQL = """
            -- Paragraph 2.11: GP practices' Data Security and Protection Toolkit assessments at each date of
            -- gp_dspt_dates (practices open on the date, each practice's latest status on or before it)
            SELECT
                as_at_date,
                dspt_year,
                practices_open,
                practices_returned,
                practices_completed,
                practices_meeting,
                round(meeting_pct)      AS meeting_pct_rounded,
                round(completed_pct)    AS completed_pct_rounded
            FROM reporting.gp_dspt_summary
            ORDER BY as_at_date, dspt_year""";

    private static Figure gpPractices() {
        return new Figure("gp-practices.ipynb",
                "GP practices: digital maturity survey and Data Security and Protection Toolkit",
                "National results of the GP practices' digital maturity survey: for each question, the share of "
                        + "the practices answering it that gave each answer. Then the practices that completed the "
                        + "Data Security and Protection Toolkit assessment by each configured date, and how many "
                        + "at least met the standards. GP results are published for England only, never per "
                        + "practice.",
                "Paragraph 1.21, the 2019-20 survey of 6,648 practices: 44% could reach clinical systems from "
                        + "patients' homes; 13% had completely digitised their legacy paper records; 90% offered "
                        + "patients telephone consultations and 5% video (nursing homes: 70% and 2%); other local "
                        + "providers could access the records of 57% of practices, and 42% could access theirs; 23% "
                        + "shared records with social care and 17% could access social care systems.\n\n"
                        + "Paragraph 2.11: 6,648 practices had completed the toolkit assessment by April 2020, and "
                        + "all reported at least meeting the standards.",
                List.of(new Section("## Digital maturity survey", "reporting.gp_digital_maturity", GP_SURVEY_SQL,
                                (t, run) -> t.rows().isEmpty() ? List.of() : List.of(ChartData.pivot(
                                        ChartData.STACKED_HORIZONTAL,
                                        "GP practices' answers to the digital maturity survey",
                                        subtitle("reporting.gp_digital_maturity", run), "", "% of practices answering",
                                        "0", t,
                                        r -> r.get(t.index("question_text")) + " (" + r.get(t.index("survey_year")) + ")",
                                        r -> String.valueOf(r.get(t.index("answer_label"))),
                                        r -> number(r.get(t.index("answer_order"))), "share_pct"))),
                        new Section("## Data Security and Protection Toolkit", "reporting.gp_dspt_summary", GP_DSPT_SQL,
                                (t, run) -> {
                                    if (t.rows().isEmpty()) {
                                        return List.of();
                                    }
                                    List<String> dates = new ArrayList<>();
                                    for (List<Object> r : t.rows()) {
                                        dates.add(r.get(t.index("dspt_year")) + " at " + r.get(t.index("as_at_date")));
                                    }
                                    List<ChartData.Series> series = List.of(
                                            new ChartData.Series("Completed the assessment",
                                                    t.column("practices_completed").stream().map(Figures::number).toList()),
                                            new ChartData.Series("At least met the standards",
                                                    t.column("practices_meeting").stream().map(Figures::number).toList()));
                                    return List.of(new ChartData(ChartData.GROUPED,
                                            "GP practices' Data Security and Protection Toolkit assessments",
                                            subtitle("reporting.gp_dspt_summary", run), "Toolkit year and date",
                                            "Practices", dates, series, List.of(), null, null, "#,##0"));
                                })));
    }

    // ---------------------------------------------------------------- helpers

    static String subtitle(String table, RunInfo run) {
        return "Source: " + table + " · run " + run.runId() + " · as at " + run.asAt();
    }

    private static String join(List<Object> values) {
        List<String> s = values.stream().map(String::valueOf).toList();
        return s.size() <= 1 ? String.join("", s)
                : String.join(", ", s.subList(0, s.size() - 1)) + " and " + s.get(s.size() - 1);
    }

    private static double rank(List<String> order, Object code) {
        int i = order.indexOf(String.valueOf(code));
        return i < 0 ? 99 : i;
    }

    static Double number(Object v) {
        return v == null ? null : ((Number) v).doubleValue();
    }

    private static List<Double> millions(List<Object> pounds) {
        return pounds.stream().map(v -> v == null ? null : ((Number) v).doubleValue() / 1_000_000d).toList();
    }

    /** The rows of a SQL VALUES list: {@code ('CODE', 'Label', n)}, one per line, Spark string escapes. */
    private static String values(List<Labels.Answer> answers) {
        List<String> rows = new ArrayList<>();
        for (Labels.Answer a : answers) {
            rows.add("        (" + literal(a.code()) + ", " + literal(a.label()) + ", " + a.order() + ")");
        }
        return String.join(",\n", rows);
    }

    private static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
