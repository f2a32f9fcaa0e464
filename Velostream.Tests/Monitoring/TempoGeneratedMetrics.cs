using YamlDotNet.RepresentationModel;

namespace Velostream.Tests.Monitoring;

/// <summary>
/// The metrics Tempo's metrics-generator writes to Prometheus, derived from tempo.yaml the way Tempo 2.x
/// derives them: the processors enabled in <c>overrides.defaults.metrics_generator.processors</c>, the
/// span-metrics intrinsic dimensions and extra dimensions, the service-graph dimensions, and the
/// messaging-system latency histogram only when it is switched on. Names and labels are those of Tempo's
/// source (modules/generator/processor/spanmetrics and servicegraphs).
/// </summary>
internal static class TempoGeneratedMetrics
{
    private static readonly string[] DefaultIntrinsicDimensions = ["service", "span_name", "span_kind", "status_code"];

    public static MetricCatalog FromConfig(string tempoYaml)
    {
        var root = Load(tempoYaml);
        var catalog = new MetricCatalog();
        var processors = Sequence(root, "overrides", "defaults", "metrics_generator", "processors");
        var externalLabels = Mapping(root, "metrics_generator", "registry", "external_labels")?.Children.Keys
            .Select(k => ((YamlScalarNode)k).Value!).ToList() ?? [];

        if (processors.Contains("span-metrics"))
        {
            var labels = new List<string>(externalLabels);
            var intrinsic = Mapping(root, "metrics_generator", "processor", "span_metrics", "intrinsic_dimensions");
            labels.AddRange(DefaultIntrinsicDimensions.Where(d => Scalar(intrinsic, d) is not "false"));
            if (Scalar(intrinsic, "status_message") is "true")
            {
                labels.Add("status_message");
            }
            labels.AddRange(Sequence(root, "metrics_generator", "processor", "span_metrics", "dimensions").Select(Sanitize));
            catalog.AddCounter("traces_spanmetrics_calls_total", labels);
            catalog.AddHistogram("traces_spanmetrics_latency", labels);
            catalog.AddCounter("traces_spanmetrics_size_total", labels);
        }

        if (processors.Contains("service-graphs"))
        {
            var labels = new List<string>(externalLabels) { "client", "server", "connection_type" };
            foreach (var dimension in Sequence(root, "metrics_generator", "processor", "service_graphs", "dimensions").Select(Sanitize))
            {
                labels.Add("client_" + dimension);
                labels.Add("server_" + dimension);
            }
            catalog.AddCounter("traces_service_graph_request_total", labels);
            catalog.AddCounter("traces_service_graph_request_failed_total", labels);
            catalog.AddHistogram("traces_service_graph_request_server_seconds", labels);
            catalog.AddHistogram("traces_service_graph_request_client_seconds", labels);
            var messaging = Scalar(Mapping(root, "overrides", "defaults", "metrics_generator", "processor", "service_graphs"), "enable_messaging_system_latency_histogram")
                ?? Scalar(Mapping(root, "metrics_generator", "processor", "service_graphs"), "enable_messaging_system_latency_histogram");
            if (messaging is "true")
            {
                catalog.AddHistogram("traces_service_graph_request_messaging_system_seconds", labels);
            }
        }
        return catalog;
    }

    public static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlMappingNode? Mapping(YamlMappingNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is null || !node.Children.TryGetValue(new YamlScalarNode(key), out var child) || child is not YamlMappingNode mapping)
            {
                return null;
            }
            node = mapping;
        }
        return node;
    }

    public static string? Scalar(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar
            ? scalar.Value
            : null;

    public static IReadOnlyList<string> Sequence(YamlMappingNode root, params string[] path)
    {
        var parent = Mapping(root, path[..^1]);
        return parent is not null && parent.Children.TryGetValue(new YamlScalarNode(path[^1]), out var node) && node is YamlSequenceNode sequence
            ? [.. sequence.Children.Select(c => ((YamlScalarNode)c).Value!)]
            : [];
    }

    // Tempo sanitizes attribute names into label names the Prometheus way.
    private static string Sanitize(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_'));
}
