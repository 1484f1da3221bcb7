package uk.nhs.digitalmaturity.model;

import java.util.Set;
import java.util.TreeSet;
import uk.nhs.digitalmaturity.config.SqlResources;
import uk.nhs.digitalmaturity.contract.Zone;

/**
 * An output table computed in Java, for statistics SQL does not do well (commons-math3). Its spec is
 * {@code sql/<zone>/<name>.yml} like any other table's; {@code depends_on} there names what it reads.
 */
public abstract class JavaModel implements Model {
    private final Zone zone;
    private final ModelSpec spec;

    protected JavaModel(Zone zone, String name) {
        this.zone = zone;
        String yml = zone.database() + "/" + name + ".yml";
        this.spec = ModelSpec.parse(SqlResources.read(yml), "sql/" + yml);
    }

    @Override
    public Zone zone() {
        return zone;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Set<String> reads() {
        return new TreeSet<>(spec.dependsOn);
    }
}
