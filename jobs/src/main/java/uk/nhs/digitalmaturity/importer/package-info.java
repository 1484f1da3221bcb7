/**
 * Importers: the real publications, as downloaded, into landing-zone snapshots (the same text as
 * {@code docs/importers.md}).
 *
 * <pre>
 * nhs-digital import &lt;kind&gt; &lt;file&gt;... --landing DIR --snapshot YYYY-MM-DD [options]
 *   -&gt; &lt;landing&gt;/&lt;source&gt;/&lt;snapshot&gt;/&lt;file&gt;.csv
 * </pre>
 *
 * <table>
 *   <caption>Kinds</caption>
 *   <tr><th>kind</th><th>publication</th><th>writes</th></tr>
 *   <tr><td>{@code ods-etr}</td><td>ODS etr (NHS trusts and trust sites)</td>
 *       <td>{@code organisations/<snapshot>/organisations.csv}</td></tr>
 *   <tr><td>{@code ods-succ}</td><td>ODS succ (successor organisations)</td>
 *       <td>{@code organisations/<snapshot>/successors.csv}</td></tr>
 *   <tr><td>{@code workforce-xlsx}</td><td>NHS Workforce Statistics xlsx</td>
 *       <td>{@code workforce/<snapshot>/workforce_org.csv}</td></tr>
 *   <tr><td>{@code deflators-xlsx}</td><td>HM Treasury GDP deflators xlsx</td>
 *       <td>{@code deflators/<snapshot>/gdp_deflators.csv}</td></tr>
 *   <tr><td>{@code dspt-xlsx}</td><td>DSPT publication xlsx</td>
 *       <td>{@code cyber/<snapshot>/dspt_status.csv}</td></tr>
 * </table>
 *
 * <h2>Common rules</h2>
 * <ul>
 *   <li><b>Refusal.</b> A file the importer does not recognise (wrong sheet, no header row with the expected
 *   columns, wrong field count, a truncated or corrupt gzip / zip / xlsx, an unknown DSPT status label, an
 *   unreadable value) is refused with exit code 3 and a message naming the file, the row where there is one, and
 *   what was expected. Nothing is written.</li>
 *   <li><b>Atomic, immutable.</b> The landing file is written in full to a hidden temporary file in the target
 *   folder ({@code .<file>.<uuid>.tmp}), forced to disk, then hard-linked into place (a link is made atomically and
 *   never replaces a file that appeared meanwhile; a rename only where the file system has no hard links), so
 *   readers see the whole file or none. An existing file for the same snapshot is never overwritten: identical
 *   content is a no-op (exit 0, "unchanged"); different content is refused (exit 3) unless {@code --force}, which
 *   replaces it by an atomic rename.</li>
 *   <li><b>Format.</b> RFC 4180 via commons-csv, UTF-8 without BOM, one header row, LF line endings, a stable sort,
 *   decimals via {@code BigDecimal.toPlainString()} (no exponent, no locale, no trailing zeros).</li>
 *   <li><b>Numbers from xlsx</b> are taken at Excel's 15 significant digits (a cell stored as
 *   {@code 0.74666999999999994} was published as {@code 0.74667}) and summed exactly.</li>
 *   <li><b>Every row accounted for.</b> One summary line per import: rows written, rows dropped per reason, notes,
 *   output path.</li>
 *   <li><b>Streaming.</b> Workbooks are read with excel-streaming-reader, so memory does not grow with rows (the
 *   81,603-row workforce workbook imports within a 48 MB heap). No Spark.</li>
 *   <li>Exit codes: 0 written or unchanged; 2 usage error; 3 refused; 1 unexpected failure.</li>
 * </ul>
 *
 * <h2>ods-etr</h2>
 * No header, 27 fields per line ({@code etrust_spec.pdf}); plain, gzip or a zip holding one {@code .csv}
 * (recognised by the first bytes). Keeps three-character (trust-level) codes and drops five-character trust sites
 * (counted). Welsh trusts (grouping {@code W00}) and recently closed trusts are kept. Give ODS's care-trust file
 * {@code ect} (same layout) as a second file: it holds four NHS foundation trusts that are not in {@code etr}
 * (TAD, TAF, TAH, TAJ) but are in the workforce and DSPT publications. A code in both files is a refusal.
 * <table>
 *   <caption>ods-etr columns</caption>
 *   <tr><th>landing column</th><th>from</th></tr>
 *   <tr><td>org_code</td><td>field 1, trimmed, upper case</td></tr>
 *   <tr><td>org_name</td><td>field 2, kept as published (upper case): title-casing would mangle NHS, UCL, 2GETHER</td></tr>
 *   <tr><td>org_type</td><td>{@code FOUNDATION_TRUST} when the name contains "FOUNDATION TRUST", else {@code NHS_TRUST}</td></tr>
 *   <tr><td>sector</td><td>{@code --sector-map FILE} (CSV {@code org_code,sector}: ACUTE, SPECIALIST, MENTAL_HEALTH,
 *       COMMUNITY, AMBULANCE, UNKNOWN), else {@code UNKNOWN}</td></tr>
 *   <tr><td>region_code</td><td>field 3, national grouping (NHS England region, e.g. {@code Y54})</td></tr>
 *   <tr><td>open_date, close_date</td><td>fields 11 and 12, {@code YYYYMMDD} to ISO; close empty while open</td></tr>
 * </table>
 *
 * <h2>ods-succ</h2>
 * No header, 5 fields, as ODS publishes {@code succ} (and {@code succarc}): 1 predecessor code, 2 successor code,
 * 3 reason / succession type, 4 effective date {@code YYYYMMDD}, 5 indicator. Writes
 * {@code predecessor_code, successor_code, effective_date}. Keeps successions between two trust-level codes
 * (three characters beginning R or T); the rest (practices, CCGs, sites) are dropped and counted. The archive
 * {@code succarc} can be given as a second file (a line in both is kept once).
 *
 * <h2>workforce-xlsx</h2>
 * The data sheet is the first with a header row naming Month (or Period / Date), Organisation code, Staff group
 * and FTE within its first 50 rows. {@code period} from Month ({@code 2018-JUN} to {@code 2018-06});
 * {@code staff_group} as published; {@code fte} summed over every other column (nationality, …). Trusts only: by
 * an organisation type column when present (a type naming a trust, or the provider clusters Acute, Mental
 * Health, Community, Ambulance, Specialist), else three-character codes beginning R or T; CCGs and other bodies
 * dropped and counted. Disclosure control: a blank FTE cell or a marker ({@code * - .. c x :}) contributes
 * nothing (not zero) and is counted per marker; other non-numeric or negative FTE is a refusal. Total rows are
 * dropped so nothing is counted twice. {@code --period YYYY-MM} keeps one month.
 *
 * <h2>deflators-xlsx</h2>
 * Below the title rows, a "Financial year" column and the nearest column to its right headed "… deflator …".
 * {@code fin_year} normalised to {@code YYYY-YY} (footnote markers removed); {@code index} at the published
 * precision (2013-14 {@code 91.932775}, shown as 91.93). Forecast years shown as {@code -} or blank are skipped and
 * counted. The calendar-year table and footnotes are ignored.
 *
 * <h2>dspt-xlsx</h2>
 * Header row with ODSCode, PublicationStatus, DateOfPublication. {@code --dspt-year YYYY-YY} is required.
 * DateOfPublication is an Excel serial date (text dates accepted); a blank date (the NOT_PUBLISHED trusts) becomes
 * the snapshot date, and the summary says how many. Trusts only: three-character codes beginning R or T, or with
 * {@code --trusts-from-landing} the codes of the landing zone's latest organisations.csv dated on or before the
 * snapshot. Labels are trimmed and matched case-insensitively:
 * <table>
 *   <caption>DSPT status labels</caption>
 *   <tr><th>published label</th><th>status</th></tr>
 *   <tr><td>Standards Exceeded</td><td>STANDARDS_EXCEEDED</td></tr>
 *   <tr><td>Standards Met</td><td>STANDARDS_MET</td></tr>
 *   <tr><td>Standards not fully met (plan agreed)</td><td>PLAN_AGREED</td></tr>
 *   <tr><td>Approaching Standards</td><td>APPROACHING_STANDARDS</td></tr>
 *   <tr><td>Standards Not Met</td><td>STANDARDS_NOT_MET</td></tr>
 *   <tr><td>Entry Level</td><td>ENTRY_LEVEL</td></tr>
 *   <tr><td>Interim Submitted</td><td>INTERIM_SUBMITTED</td></tr>
 *   <tr><td>any of these with a toolkit-year suffix, e.g. "Standards Met (19-20)"</td><td>the same</td></tr>
 *   <tr><td>blank</td><td>NOT_PUBLISHED</td></tr>
 *   <tr><td>anything else, on any row</td><td>refusal naming the label and row</td></tr>
 * </table>
 *
 * <h2>Walkthrough</h2>
 * <ol>
 *   <li>Download the four publications (Open Government Licence v3.0): from NHS Digital's Organisation Data
 *   Service data downloads the NHS trusts file {@code etr.zip}, the care-trust file {@code ect.zip} and, under
 *   miscellaneous, the successor organisations file {@code succ.zip} with its archive {@code succarc.zip}; the NHS Workforce Statistics xlsx from NHS Digital; HM Treasury's
 *   "GDP deflators at market prices, and money GDP" xlsx from GOV.UK; the DSPT publication status extract from
 *   NHS Digital's Data Security and Protection Toolkit site (also republished by NHSX).</li>
 *   <li>Import each with the date it was received as the snapshot:
 *   <pre>
 * nhs-digital import ods-etr etr.zip ect.zip --landing $L --snapshot 2018-09-30 --sector-map sectors.csv
 * nhs-digital import ods-succ succ.zip succarc.zip --landing $L --snapshot 2018-09-30
 * nhs-digital import workforce-xlsx hchs-staff-….xlsx --landing $L --snapshot 2018-09-27
 * nhs-digital import deflators-xlsx gdp-deflators-budget-march-2020.xlsx --landing $L --snapshot 2020-03-11
 * nhs-digital import dspt-xlsx dspt_2018-19_snapshot_2019-06-17.xlsx --dspt-year 2018-19 --landing $L --snapshot 2019-06-17
 *   </pre>
 *   A later publication goes in a new snapshot folder and supersedes the earlier one per natural key; re-running
 *   an import of the same file is a no-op.</li>
 *   <li>Add the data that is not published openly (finance, DMA, CE+, staff-level workforce) in the contract
 *   layout, then run the pipeline on the landing zone.</li>
 * </ol>
 */
package uk.nhs.digitalmaturity.importer;
