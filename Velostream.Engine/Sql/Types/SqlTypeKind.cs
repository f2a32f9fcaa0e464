namespace Velostream.Engine.Sql.Types;

internal enum SqlTypeKind
{
    /// <summary>Not known statically (a column of a schemaless source, or NULL).</summary>
    Unknown,
    BigInt,
    Double,
    /// <summary>Exact decimal (System.Decimal): money stays exact.</summary>
    Decimal,
    Varchar,
    Boolean,
    Timestamp,
    Interval,
}
