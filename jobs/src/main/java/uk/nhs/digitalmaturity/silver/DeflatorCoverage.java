package uk.nhs.digitalmaturity.silver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.failure.ContractViolation;

/** Every year of the analysis window, and the price base year, must have a deflator, or real terms are fiction. */
public final class DeflatorCoverage {
    private DeflatorCoverage() {
    }

    public static void check(SparkSession spark, PipelineConfig config) {
        Set<String> have = new TreeSet<>();
        spark.sql("SELECT fin_year FROM current_deflators").collectAsList().forEach(r -> have.add(r.getString(0)));
        List<String> needed = new ArrayList<>(config.windowYears());
        needed.add(config.priceBaseYear());
        List<String> missing = needed.stream().filter(y -> !have.contains(y)).distinct().sorted().toList();
        if (!missing.isEmpty()) {
            List<String> files = new ArrayList<>();
            spark.sql("SELECT DISTINCT _source_file FROM current_deflators ORDER BY 1").collectAsList()
                    .forEach(r -> files.add(r.getString(0)));
            throw new ContractViolation("deflators: no GDP deflator for " + String.join(", ", missing)
                    + " (needed for the window " + config.windowStart() + " to " + config.windowEnd()
                    + " and the price base year " + config.priceBaseYear() + "); deflator files read: "
                    + (files.isEmpty() ? "none" : String.join(", ", files)));
        }
    }
}
