package uk.nhs.digitalmaturity.contract;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The types a landing column may have, with the Spark type bronze stores it as. */
public enum ColumnType {
    TEXT(DataTypes.StringType),
    DATE(DataTypes.DateType),
    INTEGER(DataTypes.IntegerType),
    /** Money in £ thousands and FTE: exact decimals, so sums are the same on every run to the penny. */
    DECIMAL(DataTypes.createDecimalType(24, 6)),
    /** Index numbers (deflators) and scores keep more places. */
    PRECISE_DECIMAL(DataTypes.createDecimalType(24, 10));

    private final DataType sparkType;

    ColumnType(DataType sparkType) {
        this.sparkType = sparkType;
    }

    public DataType sparkType() {
        return sparkType;
    }
}
