using Velostream.Tests.Telemetry;

namespace Velostream.Tests.Monitoring;

/// <summary>Metric names as Prometheus stores them, each with the labels its series carry.</summary>
internal sealed class MetricCatalog
{
    private readonly Dictionary<string, HashSet<string>> _metrics = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _metrics.Keys;

    public bool TryGetLabels(string metric, out IReadOnlySet<string> labels)
    {
        var found = _metrics.TryGetValue(metric, out var set);
        labels = set ?? [];
        return found;
    }

    /// <summary>What Prometheus stores for metrics a service really exported over OTLP.</summary>
    public static MetricCatalog FromExport(IEnumerable<ExportedMetric> exported)
    {
        var catalog = new MetricCatalog();
        foreach (var metric in exported)
        {
            foreach (var series in metric.PrometheusSeries)
            {
                // Only a histogram's _bucket series carries the bucket bound.
                catalog.Add(series, metric.PrometheusLabels.Where(l => l != "le" || series.EndsWith("_bucket", StringComparison.Ordinal)));
            }
        }
        return catalog;
    }

    public void AddCounter(string name, IEnumerable<string> labels) => Add(name, labels);

    /// <summary>A classic histogram: <c>_bucket</c> (with <c>le</c>), <c>_sum</c> and <c>_count</c>.</summary>
    public void AddHistogram(string name, IEnumerable<string> labels)
    {
        var list = labels.ToList();
        Add(name + "_bucket", [.. list, "le"]);
        Add(name + "_sum", list);
        Add(name + "_count", list);
    }

    /// <summary>The problems with one use of a metric, empty when the metric exists with every label used.</summary>
    public IEnumerable<string> Check(MetricUse use)
    {
        if (!_metrics.TryGetValue(use.Metric, out var labels))
        {
            yield return $"metric '{use.Metric}' is not produced";
            yield break;
        }
        foreach (var label in use.Labels.Where(l => !labels.Contains(l)).Order(StringComparer.Ordinal))
        {
            yield return $"metric '{use.Metric}' has no label '{label}' (it has: {string.Join(", ", labels.Order(StringComparer.Ordinal))})";
        }
    }

    private void Add(string name, IEnumerable<string> labels)
    {
        if (!_metrics.TryGetValue(name, out var set))
        {
            _metrics[name] = set = new HashSet<string>(StringComparer.Ordinal);
        }
        set.UnionWith(labels);
    }
}
