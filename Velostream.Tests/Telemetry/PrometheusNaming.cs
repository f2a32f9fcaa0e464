namespace Velostream.Tests.Telemetry;

/// <summary>
/// How Prometheus's OTLP receiver names what it receives (its default translation, "underscore escaping
/// with suffixes"): characters outside [a-zA-Z0-9_:] become '_', the unit is appended in words ("s" →
/// "seconds"; annotations in braces such as "{record}" add nothing), monotonic sums get "_total",
/// histograms become _bucket/_sum/_count series, attribute keys become labels the same way, and the
/// resource's service.name and service.instance.id become the <c>job</c> and <c>instance</c> labels.
/// </summary>
internal static class PrometheusNaming
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["s"] = "seconds", ["ms"] = "milliseconds", ["us"] = "microseconds", ["ns"] = "nanoseconds",
        ["min"] = "minutes", ["h"] = "hours", ["d"] = "days",
        ["By"] = "bytes", ["KiBy"] = "kibibytes", ["MiBy"] = "mebibytes", ["%"] = "percent",
    };

    public static string Label(string attributeKey) => Escape(attributeKey);

    /// <summary>The series names one OTLP metric becomes.</summary>
    public static IReadOnlyList<string> SeriesNames(string name, string unit, ExportedMetricType type)
    {
        var baseName = Escape(name);
        var unitWord = UnitWord(unit, type);
        if (unitWord.Length > 0 && !baseName.EndsWith("_" + unitWord, StringComparison.Ordinal))
        {
            baseName += "_" + unitWord;
        }
        return type switch
        {
            ExportedMetricType.Counter => [baseName.EndsWith("_total", StringComparison.Ordinal) ? baseName : baseName + "_total"],
            ExportedMetricType.Histogram => [baseName + "_bucket", baseName + "_sum", baseName + "_count"],
            _ => [baseName],
        };
    }

    private static string UnitWord(string unit, ExportedMetricType type)
    {
        // Annotations ("{record}") carry no unit; "1" means a ratio, named so only for gauges.
        var stripped = System.Text.RegularExpressions.Regex.Replace(unit, @"\{[^}]*\}", "");
        if (stripped.Length == 0)
        {
            return "";
        }
        if (stripped == "1")
        {
            return type == ExportedMetricType.Gauge ? "ratio" : "";
        }
        var slash = stripped.IndexOf('/');
        if (slash > 0)
        {
            var per = stripped[(slash + 1)..];
            return Word(stripped[..slash]) + "_per_" + (per switch { "s" => "second", "m" => "minute", "h" => "hour", _ => Word(per) });
        }
        return Word(stripped);
    }

    private static string Word(string unit) => Units.TryGetValue(unit, out var word) ? word : Escape(unit);

    private static string Escape(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_').ToArray();
        var escaped = new string(chars);
        while (escaped.Contains("__", StringComparison.Ordinal))
        {
            escaped = escaped.Replace("__", "_", StringComparison.Ordinal);
        }
        return escaped;
    }
}

internal enum ExportedMetricType { Counter, UpDownCounter, Gauge, Histogram }
