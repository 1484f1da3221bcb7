package uk.nhs.digitalmaturity.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import uk.nhs.digitalmaturity.storage.DeltaTables;

/**
 * Builds the output tables in dependency order. A table whose fingerprint matches the one the last run
 * recorded, and which nobody has touched since, is left as it is.
 */
public class ModelRunner {
    private final RunContext context;
    private final ModelCatalog catalog;

    public ModelRunner(RunContext context, ModelCatalog catalog) {
        this.context = context;
        this.catalog = catalog;
    }

    public List<OutputRecord> run(Map<String, OutputRecord> previous) {
        List<OutputRecord> outputs = new ArrayList<>();
        for (Model model : catalog.models()) {
            outputs.add(build(model, previous.get(model.qualifiedName())));
        }
        return outputs;
    }

    private OutputRecord build(Model model, OutputRecord last) {
        String path = context.lakehouse().tablePath(model.zone(), model.name());
        String fingerprint = Fingerprint.of(model.qualifiedName(), context.codeVersion() + "@" + context.gitCommit(),
                context.config().describe(context.asAt()), context.visibleInputs(),
                catalog.sourcesOf(model.qualifiedName()));
        if (last != null && last.fingerprint().equals(fingerprint) && DeltaTables.exists(context.spark(), path)
                && context.delta().version(path) == last.deltaVersion()) {
            context.lakehouse().register(context.spark(), model.zone(), model.name());
            context.progress().line("build  %-40s up to date (version %d, %d rows)", model.qualifiedName(),
                    last.deltaVersion(), last.rows());
            return new OutputRecord(model.qualifiedName(), last.deltaVersion(), last.rows(), false, fingerprint);
        }
        Dataset<Row> rows = model.build(context);
        List<String> declared = model.spec().columnNames();
        List<String> actual = List.of(rows.columns());
        if (!declared.equals(actual)) {
            throw new IllegalStateException(model.qualifiedName() + ": the query returns " + actual
                    + " but its .yml declares " + declared);
        }
        rows = DeltaTables.withComments(rows, model.spec().columnComments()).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long count = DataTests.check(context.spark(), model.spec(), rows, model.qualifiedName());
            long version = context.delta().overwrite(rows, path, tableComment(model.spec()));
            context.lakehouse().register(context.spark(), model.zone(), model.name());
            context.progress().line("build  %-40s %d rows (version %d)", model.qualifiedName(), count, version);
            return new OutputRecord(model.qualifiedName(), version, count, true, fingerprint);
        } finally {
            rows.unpersist();
        }
    }

    static String tableComment(ModelSpec spec) {
        String description = spec.description.trim().replaceAll("\\s+", " ");
        return spec.paragraph == null ? description
                : description + " (NAO, Digital transformation in the NHS, " + spec.paragraph + ")";
    }
}
