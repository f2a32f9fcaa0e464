using OpenTelemetry.Metrics;

namespace Velostream.Tests.Monitoring;

/// <summary>
/// How Prometheus 2.x's OTLP receiver names what it receives (its otlptranslator with metric suffixes, the
/// default): the name's alphanumeric tokens joined by '_', the unit appended unless it is in braces or
/// already in the name (s → seconds, ms → milliseconds, By → bytes, …), <c>_total</c> on monotonic sums,
/// <c>_ratio</c> on gauges of unit 1; histograms become <c>_bucket</c>/<c>_sum</c>/<c>_count</c>. Attribute
/// names become labels with every other character replaced by '_'; the resource's service.name becomes
/// <c>job</c> and service.instance.id <c>instance</c>.
/// </summary>
internal static class PrometheusOtlpNames
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["d"] = "days", ["h"] = "hours", ["min"] = "minutes", ["s"] = "seconds", ["ms"] = "milliseconds",
        ["us"] = "microseconds", ["ns"] = "nanoseconds", ["By"] = "bytes", ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes", ["GiBy"] = "gibibytes", ["KBy"] = "kilobytes", ["MBy"] = "megabytes",
        ["GBy"] = "gigabytes", ["1"] = "", ["%"] = "percent",
    };

    private static readonly Dictionary<string, string> PerUnits = new(StringComparer.Ordinal)
    {
        ["s"] = "second", ["m"] = "minute", ["h"] = "hour", ["d"] = "day", ["w"] = "week", ["mo"] = "month", ["y"] = "year",
    };

    /// <summary>The labels every OTLP series gets from its resource.</summary>
    public static readonly string[] ResourceLabels = ["job", "instance"];

    /// <summary>Adds what Prometheus stores for metrics exported by the OpenTelemetry SDK.</summary>
    public static void AddTo(MetricCatalog catalog, IEnumerable<Metric> exported)
    {
        foreach (var metric in exported)
        {
            var attributes = new List<string>();
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    attributes.Add(tag.Key);
                }
            }
            var kind = metric.MetricType switch
            {
                MetricType.LongSum or MetricType.DoubleSum => MetricKind.Counter,
                MetricType.Histogram or MetricType.ExponentialHistogram => MetricKind.Histogram,
                _ => MetricKind.Gauge, // gauges and non-monotonic sums (up-down counters)
            };
            Add(catalog, metric.Name, metric.Unit, kind, attributes);
        }
    }

    /// <summary>Adds what Prometheus stores for metrics received over OTLP (the wire format).</summary>
    public static void AddTo(MetricCatalog catalog, IEnumerable<Otlp.ReceivedMetric> received)
    {
        foreach (var metric in received)
        {
            var kind = metric.Metric.DataCase switch
            {
                Otlp.Proto.Metric.DataOneofCase.Sum when metric.Metric.Sum.IsMonotonic => MetricKind.Counter,
                Otlp.Proto.Metric.DataOneofCase.Histogram => MetricKind.Histogram,
                _ => MetricKind.Gauge,
            };
            Add(catalog, metric.Name, metric.Metric.Unit, kind, metric.DataPointAttributes.SelectMany(a => a.Keys));
        }
    }

    private static void Add(MetricCatalog catalog, string name, string? unit, MetricKind kind, IEnumerable<string> attributes)
    {
        var labels = new HashSet<string>(ResourceLabels, StringComparer.Ordinal);
        labels.UnionWith(attributes.Select(LabelName));
        var promName = MetricName(name, unit, kind);
        switch (kind)
        {
            case MetricKind.Histogram:
                catalog.AddHistogram(promName, labels);
                break;
            case MetricKind.Counter:
                catalog.AddCounter(promName, labels);
                break;
            default:
                catalog.AddGauge(promName, labels);
                break;
        }
    }

    public enum MetricKind { Counter, Gauge, Histogram }

    public static string MetricName(string name, string? unit, MetricKind kind)
    {
        var tokens = Tokens(name).ToList();
        var units = (unit ?? "").Split('/', 2);
        var main = units[0].Trim();
        if (main.Length > 0 && !main.AsSpan().ContainsAny('{', '}'))
        {
            var promUnit = string.Join('_', Tokens(Units.GetValueOrDefault(main, main)));
            if (promUnit.Length > 0 && !tokens.Contains(promUnit))
            {
                tokens.Add(promUnit);
            }
        }
        if (units.Length > 1 && units[1].Trim() is { Length: > 0 } per && !per.AsSpan().ContainsAny('{', '}'))
        {
            var promPer = string.Join('_', Tokens(PerUnits.GetValueOrDefault(per, per)));
            if (promPer.Length > 0 && !tokens.Contains(promPer))
            {
                tokens.Add("per");
                tokens.Add(promPer);
            }
        }
        if (kind == MetricKind.Counter)
        {
            tokens.RemoveAll(t => t == "total");
            tokens.Add("total");
        }
        if (unit == "1" && kind == MetricKind.Gauge)
        {
            tokens.RemoveAll(t => t == "ratio");
            tokens.Add("ratio");
        }
        var joined = string.Join('_', tokens);
        return joined.Length > 0 && char.IsAsciiDigit(joined[0]) ? "_" + joined : joined;
    }

    public static string LabelName(string attribute)
    {
        var label = string.Concat(attribute.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_'));
        return label.Length > 0 && char.IsAsciiDigit(label[0]) ? "key_" + label : label;
    }

    private static IEnumerable<string> Tokens(string text) =>
        text.Split(c => !char.IsLetterOrDigit(c));

    private static string[] Split(this string text, Func<char, bool> isSeparator)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var separator = i == text.Length || isSeparator(text[i]);
            if (!separator && start < 0)
            {
                start = i;
            }
            else if (separator && start >= 0)
            {
                tokens.Add(text[start..i]);
                start = -1;
            }
        }
        return [.. tokens];
    }
}
