package uk.nhs.digitalmaturity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * The packages follow the data, and each depends only on those below it (README, "Development"):
 *
 * <pre>
 * failure, console            exceptions with their exit codes; progress lines
 * contract → config           sources, columns, rules, layout; parameters and the sql/ texts
 * storage → landing → ingest  Delta and lakehouse paths; landing files; bronze
 * silver → model → runrecord  the data as at a date; reporting tables; ops.runs
 * publish → notebooks → serve the publication pack; the notebooks; the read-only SQL endpoint
 * pipeline → cli              the run, stage by stage; the command line
 * </pre>
 *
 * Beside the path: {@code importer} and {@code sample} write landing files (they see the contract and the
 * landing layout only); {@code benchmark} drives the pipeline and may use anything below the command line.
 */
@AnalyzeClasses(packages = "uk.nhs.digitalmaturity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** The data's path, lowest first. */
    static final List<String> PATH = List.of("failure", "console", "contract", "config", "storage", "landing",
            "ingest", "silver", "model", "runrecord", "publish", "notebooks", "serve", "pipeline", "cli");
    /** What the landing-file writers beside the path may use. */
    static final List<String> WRITERS_MAY_USE = List.of("failure", "console", "contract", "landing");

    /** Every package on its own, sub-packages included: model and model.stats must not need each other either. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("uk.nhs.digitalmaturity.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersFollowTheData = layers();

    @ArchTest
    static final ArchRule everyClassHasARoom = noClasses().should().resideInAPackage("uk.nhs.digitalmaturity");

    static LayeredArchitecture layers() {
        LayeredArchitecture arch = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String p : PATH) {
            arch = arch.layer(p).definedBy("uk.nhs.digitalmaturity." + p + "..");
        }
        for (String p : List.of("importer", "sample", "benchmark")) {
            arch = arch.layer(p).definedBy("uk.nhs.digitalmaturity." + p + "..");
        }
        arch = arch.whereLayer(PATH.get(0)).mayNotAccessAnyLayer();
        for (int i = 1; i < PATH.size() - 1; i++) {
            arch = arch.whereLayer(PATH.get(i)).mayOnlyAccessLayers(PATH.subList(0, i).toArray(String[]::new));
        }
        List<String> belowCli = new ArrayList<>(PATH.subList(0, PATH.size() - 1));
        belowCli.add("sample");
        return arch
                .whereLayer("importer").mayOnlyAccessLayers(WRITERS_MAY_USE.toArray(String[]::new))
                .whereLayer("sample").mayOnlyAccessLayers(WRITERS_MAY_USE.toArray(String[]::new))
                .whereLayer("benchmark").mayOnlyAccessLayers(belowCli.toArray(String[]::new));
    }
}
