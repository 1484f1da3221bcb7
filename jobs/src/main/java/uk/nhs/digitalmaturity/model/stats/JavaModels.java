package uk.nhs.digitalmaturity.model.stats;

import java.util.List;
import uk.nhs.digitalmaturity.model.Model;

/**
 * The output tables computed in Java; every other table is a SQL file in sql/. The list lives beside the
 * models, not in {@code model}, so that {@code model} (the catalog) never depends on its statistics.
 */
public final class JavaModels {
    private JavaModels() {
    }

    public static List<Model> all() {
        return List.of(
                new DmaThemeChangeSignificance(),
                new ItCapexPerFteVariation(),
                new ProgrammeChangeComparison());
    }
}
