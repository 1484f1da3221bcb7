package uk.nhs.digitalmaturity.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import uk.nhs.digitalmaturity.config.SqlResources;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.ingest.IngestLedger;
import uk.nhs.digitalmaturity.ingest.StaffFteSummary;
import uk.nhs.digitalmaturity.silver.CurrentViews;
import uk.nhs.digitalmaturity.silver.OrganisationGraph;
import uk.nhs.digitalmaturity.silver.ReportDates;
import uk.nhs.digitalmaturity.silver.RunContext;

/**
 * Every view and output table of {@code sql/}, in an order where each comes after what it reads, and the
 * landing sources each one depends on (so that a run recomputes only what new data touches).
 */
public class ModelCatalog {
    private final Map<String, String> silver = new LinkedHashMap<>();
    private final Map<String, Model> models = new LinkedHashMap<>();

    public ModelCatalog(List<Model> javaModels) {
        Map<String, String> silverSql = new LinkedHashMap<>();
        for (String file : SqlResources.list("silver")) {
            if (file.endsWith(".sql")) {
                silverSql.put(file.substring(0, file.length() - 4), SqlResources.read("silver/" + file));
            }
        }
        for (String name : order(silverSql.keySet(), n -> SqlNames.referenced(silverSql.get(n)))) {
            silver.put(name, silverSql.get(name));
        }
        Map<String, Model> all = new LinkedHashMap<>();
        for (Zone zone : List.of(Zone.RESTRICTED, Zone.REPORTING)) {
            for (String file : SqlResources.list(zone.database())) {
                if (file.endsWith(".sql")) {
                    String base = file.substring(0, file.length() - 4);
                    String yml = zone.database() + "/" + base + ".yml";
                    ModelSpec spec = ModelSpec.parse(SqlResources.read(yml), "sql/" + yml);
                    if (!base.equals(spec.name)) {
                        throw new IllegalStateException("sql/" + yml + " names table " + spec.name + ", expected " + base);
                    }
                    Model m = new SqlModel(zone, spec, SqlResources.read(zone.database() + "/" + file));
                    all.put(m.qualifiedName(), m);
                }
            }
        }
        javaModels.forEach(m -> all.put(m.qualifiedName(), m));
        for (String name : order(all.keySet(), n -> all.get(n).reads())) {
            models.put(name, all.get(name));
        }
    }

    /** Silver views (name → SELECT), each after the views it reads. */
    public Map<String, String> silverViews() {
        return silver;
    }

    public List<Model> models() {
        return new ArrayList<>(models.values());
    }

    /**
     * What a table or stored view is computed from: the code and the build, the parameters (with the as-at date
     * as {@link RunContext#resultParameters} describes it), and the landing files of the sources it reads. Same
     * fingerprint, same contents.
     */
    public String fingerprint(RunContext context, String name) {
        return fingerprint(context, name, context.visibleInputs());
    }

    /** As above, had the landing files been {@code inputs}: what this code and these parameters make of them. */
    public String fingerprint(RunContext context, String name, java.util.Collection<IngestLedger.Entry> inputs) {
        return Fingerprint.of(name, context.codeVersion() + "@" + context.gitCommit(),
                context.resultParameters(showsTheReportingDate(name)), inputs, sourcesOf(name));
    }

    /**
     * Whether a view or table reads the reporting date itself, directly or through what it reads: its SQL names
     * {@code :as_at}, or it reads {@link ReportDates#VIEW}, whose rows hold the date (cyber_summary's
     * {@code as_at} column). Such a result may change with the date alone; any other changes with the date only
     * through what the date decides (which snapshots, configured dates and organisations a run sees).
     */
    public boolean showsTheReportingDate(String name) {
        return showsTheReportingDate(name, new TreeSet<>());
    }

    private boolean showsTheReportingDate(String name, Set<String> seen) {
        if (!seen.add(name)) {
            return false;
        }
        Set<String> reads = silver.containsKey(name) ? SqlNames.referenced(silver.get(name))
                : models.containsKey(name) ? models.get(name).reads() : Set.of();
        if (reads.contains(REPORTING_DATE_PARAMETER) || reads.contains(ReportDates.VIEW)) {
            return true;
        }
        return reads.stream().anyMatch(n -> showsTheReportingDate(n, seen));
    }

    /** The as-at date's named parameter, as {@link SqlNames#referenced} finds it in {@code :as_at}. */
    private static final String REPORTING_DATE_PARAMETER = "as_at";

    /** The landing sources a view or table reads, directly or through other views and tables. */
    public Set<Source> sourcesOf(String name) {
        Set<Source> sources = new TreeSet<>();
        collect(name, sources, new TreeSet<>());
        return sources;
    }

    private void collect(String name, Set<Source> sources, Set<String> seen) {
        if (!seen.add(name)) {
            return;
        }
        if (name.startsWith(CurrentViews.PREFIX)) {
            for (Source s : Source.values()) {
                if (CurrentViews.viewName(s).equals(name)) {
                    sources.add(s);
                }
            }
            if (name.equals(CurrentViews.DSPT_STATUS_HISTORY)) {
                sources.add(Source.DSPT_STATUS);
            }
            if (name.equals(CurrentViews.PREFIX + StaffFteSummary.TABLE)) {
                sources.add(Source.WORKFORCE_STAFF); // summed from it at ingest
            }
        } else if (name.equals(OrganisationGraph.VIEW)) {
            sources.add(Source.ORGANISATIONS);
            sources.add(Source.SUCCESSORS);
        } else if (silver.containsKey(name)) {
            SqlNames.referenced(silver.get(name)).forEach(n -> collect(n, sources, seen));
        } else if (models.containsKey(name)) {
            models.get(name).reads().forEach(n -> collect(n, sources, seen));
        }
    }

    private static List<String> order(Set<String> names, java.util.function.Function<String, Set<String>> reads) {
        List<String> ordered = new ArrayList<>();
        Set<String> visiting = new TreeSet<>();
        for (String n : new TreeSet<>(names)) {
            visit(n, names, reads, ordered, visiting);
        }
        return ordered;
    }

    private static void visit(String n, Set<String> names, java.util.function.Function<String, Set<String>> reads,
                              List<String> ordered, Set<String> visiting) {
        if (ordered.contains(n)) {
            return;
        }
        if (!visiting.add(n)) {
            throw new IllegalStateException("sql/: " + n + " reads itself through other views");
        }
        for (String dep : reads.apply(n)) {
            if (names.contains(dep) && !dep.equals(n)) {
                visit(dep, names, reads, ordered, visiting);
            }
        }
        visiting.remove(n);
        ordered.add(n);
    }
}
