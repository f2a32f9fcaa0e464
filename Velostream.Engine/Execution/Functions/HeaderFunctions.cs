using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Functions;

/// <summary>
/// Kafka header functions: HEADER, HAS_HEADER and HEADER_KEYS read the input record's headers
/// (values as UTF-8 text; the last value of a repeated name wins); SET_HEADER(name, value) gives the
/// output record that header and returns the value's text. Records without headers (files) have none.
/// </summary>
internal static class HeaderFunctions
{
    /// <summary>HEADER(name): the header's value as text, or NULL when the record has no such header.</summary>
    public static SqlValue Header(ReadOnlySpan<SqlValue> a, EvalContext ctx)
    {
        if (a[0].IsNull) return SqlValue.Null;
        if (a[0].Kind != ValueKind.Varchar) return SqlValue.Error("HEADER needs a VARCHAR header name");
        return ctx.Record.Headers?.GetLast(a[0].AsString()) is { } value ? SqlValue.FromUtf8(value) : SqlValue.Null;
    }

    /// <summary>HAS_HEADER(name): whether the record carries the header.</summary>
    public static SqlValue HasHeader(ReadOnlySpan<SqlValue> a, EvalContext ctx)
    {
        if (a[0].IsNull) return SqlValue.Null;
        if (a[0].Kind != ValueKind.Varchar) return SqlValue.Error("HAS_HEADER needs a VARCHAR header name");
        return SqlValue.FromBool(ctx.Record.Headers?.GetLast(a[0].AsString()) is not null);
    }

    /// <summary>HEADER_KEYS(): the record's header names, comma-separated, each once, in order ('' when none).</summary>
    public static SqlValue HeaderKeys(ReadOnlySpan<SqlValue> a, EvalContext ctx)
    {
        var names = ctx.Record.Headers?.Select(h => h.Key).Distinct(StringComparer.Ordinal) ?? [];
        return SqlValue.FromString(string.Join(',', names));
    }

    /// <summary>SET_HEADER(name, value): sets the output header (NULL value: the text 'null', as Velostream writes it) and returns the value.</summary>
    public static SqlValue SetHeader(ReadOnlySpan<SqlValue> a, EvalContext ctx)
    {
        if (a[0].IsNull) return SqlValue.Error("SET_HEADER needs a header name, got NULL");
        var name = a[0].AsString();
        var text = a[1].IsNull ? "null" : a[1].AsString();
        (ctx.OutputHeaders ??= new RecordHeaders()).Set(name, Encoding.UTF8.GetBytes(text));
        return SqlValue.FromString(text);
    }
}
