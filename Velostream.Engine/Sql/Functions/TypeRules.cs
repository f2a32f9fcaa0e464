using Velostream.Engine.Sql.Types;

namespace Velostream.Engine.Sql.Functions;

/// <summary>Result-type rules shared by functions and operators.</summary>
internal static class TypeRules
{
    /// <summary>
    /// The common numeric type of two numbers: BIGINT widens to DECIMAL, DECIMAL to DOUBLE (a
    /// DOUBLE operand makes the result inexact). Unknown if either side is unknown.
    /// </summary>
    public static SqlType WidenNumeric(SqlType a, SqlType b)
    {
        if (a.Kind == SqlTypeKind.Unknown || b.Kind == SqlTypeKind.Unknown)
        {
            return SqlType.Unknown;
        }
        if (a.Kind == SqlTypeKind.Double || b.Kind == SqlTypeKind.Double)
        {
            return SqlType.Double;
        }
        if (a.Kind == SqlTypeKind.Decimal || b.Kind == SqlTypeKind.Decimal)
        {
            return SqlType.Decimal;
        }
        return SqlType.BigInt;
    }

    /// <summary>The type all <paramref name="types"/> share (NULL/unknown ignored), numeric types widened; Unknown when they disagree.</summary>
    public static SqlType Common(IEnumerable<SqlType> types)
    {
        SqlType? result = null;
        foreach (var type in types)
        {
            if (type.Kind == SqlTypeKind.Unknown)
            {
                continue;
            }
            if (result is null)
            {
                result = new SqlType(type.Kind);
            }
            else if (result.IsNumeric && type.IsNumeric)
            {
                result = WidenNumeric(result, type);
            }
            else if (result.Kind != type.Kind)
            {
                return SqlType.Unknown;
            }
        }
        return result ?? SqlType.Unknown;
    }

    public static SqlType First(IReadOnlyList<SqlType> args) => args.Count > 0 ? new SqlType(args[0].Kind) : SqlType.Unknown;

    /// <summary>SUM keeps integers integral and decimals exact.</summary>
    public static SqlType Sum(IReadOnlyList<SqlType> args) => First(args);

    /// <summary>AVG and MEDIAN of a DECIMAL stay exact; of a BIGINT or DOUBLE they are DOUBLE.</summary>
    public static SqlType Mean(IReadOnlyList<SqlType> args) => First(args).Kind switch
    {
        SqlTypeKind.Decimal => SqlType.Decimal,
        SqlTypeKind.BigInt or SqlTypeKind.Double => SqlType.Double,
        _ => SqlType.Unknown,
    };
}
