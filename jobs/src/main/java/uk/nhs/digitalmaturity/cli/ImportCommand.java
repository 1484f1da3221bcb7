package uk.nhs.digitalmaturity.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.importer.FinancialYears;
import uk.nhs.digitalmaturity.importer.ImportKind;
import uk.nhs.digitalmaturity.importer.ImportOptions;
import uk.nhs.digitalmaturity.importer.ImportRun;
import uk.nhs.digitalmaturity.importer.Months;

/**
 * {@code nhs-digital import <kind> <file> --landing DIR --snapshot YYYY-MM-DD}: turns a publication, as
 * downloaded, into a landing-zone snapshot file. See {@link uk.nhs.digitalmaturity.importer}.
 */
@Command(name = "import",
        usageHelpWidth = 110,
        mixinStandardHelpOptions = true,
        description = {
                "Turns a real publication, as downloaded, into a landing-zone snapshot:",
                "<landing>/<source>/<snapshot>/<file>.csv. A file that is not recognised is refused (exit 3) "
                        + "and nothing is written; an existing landing file is never overwritten without --force.",
                "",
                "Kinds:",
                "  ods-etr         ODS etr (NHS trusts)           -> organisations/<snapshot>/organisations.csv",
                "  ods-succ        ODS succ (successors)          -> organisations/<snapshot>/successors.csv",
                "  workforce-xlsx  NHS Workforce Statistics xlsx  -> workforce/<snapshot>/workforce_org.csv",
                "  deflators-xlsx  HM Treasury GDP deflators xlsx -> deflators/<snapshot>/gdp_deflators.csv",
                "  dspt-xlsx       DSPT publication xlsx          -> cyber/<snapshot>/dspt_status.csv",
                ""})
public class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<kind>",
            description = "ods-etr, ods-succ, workforce-xlsx, deflators-xlsx or dspt-xlsx")
    String kind;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<file>",
            description = "The publication as downloaded. ods-etr and ods-succ take several files in the same "
                    + "layout for one landing file (etr with the care-trust file ect; succ with its archive succarc).")
    List<Path> files;

    @Option(names = "--landing", required = true, paramLabel = "DIR", description = "The landing-zone root.")
    Path landing;

    @Option(names = "--snapshot", required = true, paramLabel = "YYYY-MM-DD",
            description = "The snapshot date: the day the extract was received.")
    String snapshot;

    @Option(names = "--force", description = "Replace an existing landing file for this snapshot whose content "
            + "differs (landing files are otherwise immutable).")
    boolean force;

    @Option(names = "--sector-map", paramLabel = "FILE",
            description = "ods-etr: CSV with header org_code,sector (ACUTE, SPECIALIST, MENTAL_HEALTH, COMMUNITY, "
                    + "AMBULANCE, UNKNOWN). Without it every trust's sector is UNKNOWN.")
    Path sectorMap;

    @Option(names = "--period", paramLabel = "YYYY-MM",
            description = "workforce-xlsx: keep only this month (e.g. 2018-06).")
    String period;

    @Option(names = "--dspt-year", paramLabel = "YYYY-YY",
            description = "dspt-xlsx (required): the toolkit year of the publication, e.g. 2018-19.")
    String dsptYear;

    @Option(names = "--trusts-from-landing",
            description = "dspt-xlsx: keep the codes in the landing zone's latest organisations.csv (dated on or "
                    + "before --snapshot) instead of 3-character codes beginning R or T.")
    boolean trustsFromLanding;

    @Override
    public Integer call() throws Exception {
        ImportKind k = ImportKind.fromCliName(kind).orElseThrow(() -> usage("unknown kind '" + kind
                + "': expected one of " + ImportKind.cliNames()));
        LocalDate snap;
        try {
            snap = LocalDate.parse(snapshot);
        } catch (DateTimeParseException e) {
            throw usage("--snapshot '" + snapshot + "' is not a date YYYY-MM-DD");
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw usage(file + ": no such file");
            }
        }
        if (files.size() > 1 && !ImportRun.importerFor(k).acceptsSeveralFiles()) {
            throw usage(k.cliName() + " takes one file, not " + files.size());
        }
        if (files.stream().map(f -> f.toAbsolutePath().normalize()).distinct().count() != files.size()) {
            throw usage("the same file is given twice");
        }
        onlyFor(k, ImportKind.ODS_ETR, "--sector-map", sectorMap != null);
        onlyFor(k, ImportKind.WORKFORCE_XLSX, "--period", period != null);
        onlyFor(k, ImportKind.DSPT_XLSX, "--dspt-year", dsptYear != null);
        onlyFor(k, ImportKind.DSPT_XLSX, "--trusts-from-landing", trustsFromLanding);
        if (sectorMap != null && !Files.isRegularFile(sectorMap)) {
            throw usage("--sector-map " + sectorMap + ": no such file");
        }
        if (period != null && !Months.isContractForm(period)) {
            throw usage("--period '" + period + "' is not a month YYYY-MM (e.g. 2018-06)");
        }
        if (k == ImportKind.DSPT_XLSX && dsptYear == null) {
            throw usage("dspt-xlsx needs --dspt-year YYYY-YY (e.g. 2018-19): the publication does not state it");
        }
        if (dsptYear != null && !FinancialYears.isContractForm(dsptYear)) {
            throw usage("--dspt-year '" + dsptYear + "' is not YYYY-YY with consecutive years (e.g. 2018-19)");
        }
        ImportOptions options = ImportOptions.of(landing, snap)
                .withForce(force)
                .withSectorMap(sectorMap)
                .withPeriod(period)
                .withDsptYear(dsptYear)
                .withTrustsFromLanding(trustsFromLanding);
        ImportRun.Report report = ImportRun.run(k, files, options);
        spec.commandLine().getOut().println(report.summary());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private void onlyFor(ImportKind actual, ImportKind allowed, String option, boolean given) {
        if (given && actual != allowed) {
            throw usage(option + " applies only to " + allowed.cliName());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
