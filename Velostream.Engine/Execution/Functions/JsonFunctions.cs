using System.Globalization;
using System.Text.Json;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Functions;

/// <summary>
/// JSON_VALUE, JSON_EXISTS and JSON_QUERY over JSON text (a VARCHAR column, or a nested object or
/// array of the input, which reaches SQL as its JSON text). Paths as Velostream writes them:
/// <c>$</c>, <c>$.a.b</c>, array elements by index <c>$.items.0.sku</c> (also <c>$.items[0].sku</c>),
/// a bare <c>a.b</c> without <c>$.</c>. Text that is not JSON gives NULL (JSON_EXISTS: false), not a failure.
/// </summary>
internal static class JsonFunctions
{
    /// <summary>JSON_VALUE(json, path): the scalar at path (BIGINT, DECIMAL, BOOLEAN or VARCHAR); an object or array as its JSON text; NULL when absent.</summary>
    public static SqlValue Value(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull || a[1].IsNull) return SqlValue.Null;
        if (Bad(a, "JSON_VALUE") is { } error) return error;
        if (Path(a[1]).Length == 0) return a[0];
        return Walk(a[0], a[1], static e => e.ValueKind switch
        {
            JsonValueKind.String => SqlValue.FromString(e.GetString()!),
            JsonValueKind.Number => Number(e),
            JsonValueKind.True => SqlValue.True,
            JsonValueKind.False => SqlValue.False,
            JsonValueKind.Null => SqlValue.Null,
            _ => SqlValue.FromString(e.GetRawText()),
        }, SqlValue.Null);
    }

    /// <summary>JSON_EXISTS(json, path): whether path leads to a value (false for text that is not JSON).</summary>
    public static SqlValue Exists(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull || a[1].IsNull) return SqlValue.Null;
        if (Bad(a, "JSON_EXISTS") is { } error) return error;
        return Walk(a[0], a[1], static _ => SqlValue.True, SqlValue.False);
    }

    /// <summary>JSON_QUERY(json, path): the object or array at path as JSON text; NULL for a scalar or a missing path.</summary>
    public static SqlValue Query(ReadOnlySpan<SqlValue> a, EvalContext _)
    {
        if (a[0].IsNull || a[1].IsNull) return SqlValue.Null;
        if (Bad(a, "JSON_QUERY") is { } error) return error;
        return Walk(a[0], a[1], static e => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array
            ? JsonText(e.GetRawText())
            : SqlValue.Null, SqlValue.Null);
    }

    private static SqlValue? Bad(ReadOnlySpan<SqlValue> a, string name) =>
        a[0].Kind != ValueKind.Varchar || a[1].Kind != ValueKind.Varchar ? SqlValue.Error($"{name} needs VARCHAR JSON text and a VARCHAR path") : null;

    private static SqlValue Walk(in SqlValue json, in SqlValue path, Func<JsonElement, SqlValue> found, SqlValue missing)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.AsUtf8.ToArray());
        }
        catch (JsonException)
        {
            return missing;
        }
        using (document)
        {
            var current = document.RootElement;
            foreach (var segment in Path(path))
            {
                if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
                {
                    current = child;
                }
                else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && index < current.GetArrayLength())
                {
                    current = current[index];
                }
                else
                {
                    return missing;
                }
            }
            // Values leave the document: they own their text.
            return found(current).Detach();
        }
    }

    /// <summary>The path's segments: "$.a.b[0]" → a, b, 0; "$" → none.</summary>
    public static string[] Path(in SqlValue path)
    {
        var text = path.AsString().Trim();
        text = text.StartsWith("$.", StringComparison.Ordinal) ? text[2..] : text.TrimStart('$');
        return text.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal)
            .Split('.', StringSplitOptions.RemoveEmptyEntries);
    }

    private static SqlValue Number(JsonElement e)
    {
        if (e.TryGetInt64(out var l)) return SqlValue.FromLong(l);
        if (e.TryGetDecimal(out var d)) return SqlValue.FromDecimal(d);
        return SqlValue.FromDouble(e.GetDouble());
    }

    private static SqlValue JsonText(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return SqlValue.FromJsonText(bytes, 0, bytes.Length);
    }
}
