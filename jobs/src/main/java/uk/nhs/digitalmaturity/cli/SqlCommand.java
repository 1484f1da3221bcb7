package uk.nhs.digitalmaturity.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.serve.ReadOnlySession;
import uk.nhs.digitalmaturity.serve.ResultFormat;
import uk.nhs.digitalmaturity.serve.ServedCatalog;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/** {@code nhs-digital sql}: one query against what {@code serve} serves, for analysts and auditors. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Runs one read-only SQL statement against the lakehouse's reporting tables (reporting.*) and",
                "run history (audit.*), the catalog the JDBC endpoint serves, and prints the result."})
public class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--lakehouse", defaultValue = "lakehouse", description = "Lakehouse folder (default: ${DEFAULT-VALUE})")
    String lakehouse;

    @Option(names = "--format", defaultValue = "table", description = "table (aligned), csv or json (one object per line); default: ${DEFAULT-VALUE}")
    String format;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Statement statement;

    static class Statement {
        @Parameters(paramLabel = "STATEMENT", description = "The statement, e.g. \"SELECT * FROM audit.runs\"")
        String text;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the statement from FILE (one statement)")
        Path file;
    }

    @Override
    public Integer call() throws IOException {
        ResultFormat as;
        try {
            as = ResultFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return usage("--format must be table, csv or json, not " + format);
        }
        Lakehouse lake = ReadOnlySession.existing(lakehouse);
        if (lake == null) {
            return usage("no lakehouse at " + lakehouse + ": run `nhs-digital run` first, or give --lakehouse");
        }
        String sql = statement.file != null ? Files.readString(statement.file, StandardCharsets.UTF_8) : statement.text;
        sql = sql.strip().replaceAll(";\\s*$", "");
        SparkSession spark = ReadOnlySession.open(lake);
        new ServedCatalog(spark, lake).refresh();
        Dataset<Row> result;
        try {
            result = spark.sql(sql);
        } catch (Exception e) { // Scala throws the checked AnalysisException undeclared
            if (e instanceof AnalysisException refused) { // refused, not parsed, naming what is not served
                return usage(refused.getMessage());
            }
            throw e;
        }
        as.print(result, System.out);
        System.out.flush();
        return ExitCodes.OK;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("usage: " + message);
        return ExitCodes.USAGE;
    }
}
