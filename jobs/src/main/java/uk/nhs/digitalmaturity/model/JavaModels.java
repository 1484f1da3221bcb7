package uk.nhs.digitalmaturity.model;

import java.util.List;

/** The output tables computed in Java; every other table is a SQL file in sql/. */
public final class JavaModels {
    private JavaModels() {
    }

    public static List<Model> all() {
        return List.of(
                new uk.nhs.digitalmaturity.model.stats.DmaThemeChangeSignificance(),
                new uk.nhs.digitalmaturity.model.stats.ItCapexPerFteVariation());
    }
}
