
namespace Velostream.Engine.Execution.Values;

/// <summary>
/// Three-valued logic: NULL is "unknown". FALSE AND anything is FALSE, TRUE OR anything is TRUE,
/// otherwise NULL wins over TRUE/FALSE. A non-boolean operand is a type error.
/// </summary>
internal static class SqlLogic
{
    public static SqlValue And(in SqlValue a, in SqlValue b)
    {
        if (a.IsError) return a;
        if (b.IsError) return b;
        if (!IsBoolOrNull(a) || !IsBoolOrNull(b)) return NotBoolean("AND", a, b);
        if ((a.Kind == ValueKind.Boolean && !a.AsBool) || (b.Kind == ValueKind.Boolean && !b.AsBool)) return SqlValue.False;
        if (a.IsNull || b.IsNull) return SqlValue.Null;
        return SqlValue.True;
    }

    public static SqlValue Or(in SqlValue a, in SqlValue b)
    {
        if (a.IsError) return a;
        if (b.IsError) return b;
        if (!IsBoolOrNull(a) || !IsBoolOrNull(b)) return NotBoolean("OR", a, b);
        if ((a.Kind == ValueKind.Boolean && a.AsBool) || (b.Kind == ValueKind.Boolean && b.AsBool)) return SqlValue.True;
        if (a.IsNull || b.IsNull) return SqlValue.Null;
        return SqlValue.False;
    }

    public static SqlValue Not(in SqlValue a) => a.Kind switch
    {
        ValueKind.Boolean => SqlValue.FromBool(!a.AsBool),
        ValueKind.Null or ValueKind.Error => a,
        _ => SqlValue.Error($"NOT needs BOOLEAN, got {SqlArithmetic.Name(a.Kind)}"),
    };

    /// <summary>WHERE/HAVING keep a row only when the condition is TRUE (not NULL, not FALSE).</summary>
    public static bool IsTrue(in SqlValue a) => a.Kind == ValueKind.Boolean && a.AsBool;

    private static bool IsBoolOrNull(in SqlValue a) => a.Kind is ValueKind.Boolean or ValueKind.Null;

    private static SqlValue NotBoolean(string op, in SqlValue a, in SqlValue b) =>
        SqlValue.Error($"{op} needs BOOLEAN operands, got {SqlArithmetic.Name(a.Kind)} and {SqlArithmetic.Name(b.Kind)}");
}
