namespace Velostream.Engine.Sql.Types;

/// <summary>A SQL type as written in CAST or inferred statically. Precision/scale only for DECIMAL(p,s).</summary>
internal sealed record SqlType(SqlTypeKind Kind, int? Precision = null, int? Scale = null)
{
    public static readonly SqlType Unknown = new(SqlTypeKind.Unknown);
    public static readonly SqlType BigInt = new(SqlTypeKind.BigInt);
    public static readonly SqlType Double = new(SqlTypeKind.Double);
    public static readonly SqlType Decimal = new(SqlTypeKind.Decimal);
    public static readonly SqlType Varchar = new(SqlTypeKind.Varchar);
    public static readonly SqlType Boolean = new(SqlTypeKind.Boolean);
    public static readonly SqlType Timestamp = new(SqlTypeKind.Timestamp);
    public static readonly SqlType Interval = new(SqlTypeKind.Interval);

    public bool IsNumeric => Kind is SqlTypeKind.BigInt or SqlTypeKind.Double or SqlTypeKind.Decimal;

    public override string ToString() => Kind switch
    {
        SqlTypeKind.Decimal when Precision is { } p => Scale is { } s ? $"DECIMAL({p},{s})" : $"DECIMAL({p})",
        SqlTypeKind.Unknown => "UNKNOWN",
        _ => Kind.ToString().ToUpperInvariant(),
    };

    /// <summary>The type named by a word in CAST (BIGINT/INT/INTEGER, DOUBLE/FLOAT, …), or null when it names none.</summary>
    public static SqlTypeKind? KindFromName(string name) => name.ToUpperInvariant() switch
    {
        "BIGINT" or "INT" or "INTEGER" or "LONG" or "SMALLINT" or "TINYINT" => SqlTypeKind.BigInt,
        "DOUBLE" or "FLOAT" or "REAL" => SqlTypeKind.Double,
        "DECIMAL" or "NUMERIC" => SqlTypeKind.Decimal,
        "VARCHAR" or "STRING" or "TEXT" or "CHAR" => SqlTypeKind.Varchar,
        "BOOLEAN" or "BOOL" => SqlTypeKind.Boolean,
        "TIMESTAMP" => SqlTypeKind.Timestamp,
        "INTERVAL" => SqlTypeKind.Interval,
        _ => null,
    };
}
