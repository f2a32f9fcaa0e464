
namespace Velostream.Engine.Execution.Values;

/// <summary>
/// Comparison with SQL semantics: any NULL operand gives NULL (unknown); numbers compare across
/// BIGINT/DECIMAL exactly and against DOUBLE as doubles; VARCHAR compares by UTF-8 bytes (code
/// point order); a TIMESTAMP compares with an ISO-8601 VARCHAR by parsing it. Anything else is a
/// type-mismatch error value.
/// </summary>
internal static class SqlComparison
{
    /// <summary>
    /// Orders two non-null, non-error values. Returns false (and an error value) when the types
    /// cannot be compared.
    /// </summary>
    public static bool TryCompare(in SqlValue a, in SqlValue b, out int result, out SqlValue error)
    {
        error = default;
        if (a.Kind == b.Kind)
        {
            switch (a.Kind)
            {
                case ValueKind.BigInt:
                case ValueKind.Timestamp:
                case ValueKind.Interval:
                    result = a.AsLong.CompareTo(b.AsLong);
                    return true;
                case ValueKind.Decimal:
                    result = a.AsDecimal.CompareTo(b.AsDecimal);
                    return true;
                case ValueKind.Double:
                    result = a.AsDouble.CompareTo(b.AsDouble);
                    return true;
                case ValueKind.Varchar:
                    result = a.AsUtf8.SequenceCompareTo(b.AsUtf8);
                    return true;
                case ValueKind.Boolean:
                    result = a.AsBool.CompareTo(b.AsBool);
                    return true;
            }
        }
        else if (a.IsNumeric && b.IsNumeric)
        {
            result = a.Kind == ValueKind.Double || b.Kind == ValueKind.Double
                ? a.ToDouble().CompareTo(b.ToDouble())
                : a.ToDecimal().CompareTo(b.ToDecimal());
            return true;
        }
        else if (IsEpochMillis(a.Kind) && IsEpochMillis(b.Kind))
        {
            // Velostream computes on epoch milliseconds: NOW() - _event_time > INTERVAL '5' SECOND, ts > 1700000000000.
            result = a.AsLong.CompareTo(b.AsLong);
            return true;
        }
        else if (a.Kind == ValueKind.Timestamp && b.Kind == ValueKind.Varchar && SqlTime.TryParseIso(b.AsUtf8, out var bt))
        {
            result = a.AsLong.CompareTo(bt);
            return true;
        }
        else if (a.Kind == ValueKind.Varchar && b.Kind == ValueKind.Timestamp && SqlTime.TryParseIso(a.AsUtf8, out var at))
        {
            result = at.CompareTo(b.AsLong);
            return true;
        }
        result = 0;
        error = SqlValue.Error($"cannot compare {SqlArithmetic.Name(a.Kind)} with {SqlArithmetic.Name(b.Kind)}");
        return false;
    }

    private static bool IsEpochMillis(ValueKind kind) => kind is ValueKind.BigInt or ValueKind.Timestamp or ValueKind.Interval;

    public static SqlValue Equal(in SqlValue a, in SqlValue b) => Compare(a, b, static c => c == 0);
    public static SqlValue NotEqual(in SqlValue a, in SqlValue b) => Compare(a, b, static c => c != 0);
    public static SqlValue Less(in SqlValue a, in SqlValue b) => Compare(a, b, static c => c < 0);
    public static SqlValue LessOrEqual(in SqlValue a, in SqlValue b) => Compare(a, b, static c => c <= 0);
    public static SqlValue Greater(in SqlValue a, in SqlValue b) => Compare(a, b, static c => c > 0);
    public static SqlValue GreaterOrEqual(in SqlValue a, in SqlValue b) => Compare(a, b, static c => c >= 0);

    private static SqlValue Compare(in SqlValue a, in SqlValue b, Func<int, bool> test)
    {
        if (a.IsError) return a;
        if (b.IsError) return b;
        if (a.IsNull || b.IsNull) return SqlValue.Null;
        return TryCompare(a, b, out var c, out var error) ? SqlValue.FromBool(test(c)) : error;
    }

    /// <summary>
    /// Total order for sorting and MIN/MAX over one column: NULLs first, then by value; values of
    /// incomparable types order by type so sorting never fails.
    /// </summary>
    public static int CompareForOrder(in SqlValue a, in SqlValue b)
    {
        if (a.IsNull || b.IsNull) return a.IsNull ? (b.IsNull ? 0 : -1) : 1;
        return TryCompare(a, b, out var c, out _) ? c : a.Kind.CompareTo(b.Kind);
    }
}
