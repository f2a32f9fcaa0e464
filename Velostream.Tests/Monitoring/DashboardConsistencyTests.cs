using YamlDotNet.RepresentationModel;

namespace Velostream.Tests.Monitoring;

/// <summary>
/// The dashboards query exactly what the pipeline produces: provisioned data sources, Tempo's generated
/// metrics given tempo.yaml, and their labels. (The original project's dashboard stayed empty because it
/// grouped by a label, service_name, that Tempo never writes.)
/// </summary>
public sealed class DashboardConsistencyTests
{
    private static readonly string TracingDashboard = Path.Combine(MonitoringFiles.GrafanaDashboards, "velostream-tracing.json");

    [Fact]
    public void Every_dashboard_query_and_variable_uses_a_provisioned_data_source()
    {
        var provisioned = ProvisionedDataSources().Select(d => d.Uid).ToHashSet(StringComparer.Ordinal);
        var used = MonitoringFiles.Dashboards
            .SelectMany(d => GrafanaDashboard.Queries(d).Select(q => (Where: $"{q.Dashboard} / {q.Panel} / {q.RefId}", Uid: q.DataSourceUid))
                .Concat(GrafanaDashboard.Variables(d).Select(v => (Where: $"{Path.GetFileName(d)} / ${v.Name}", Uid: v.DataSourceUid))))
            .ToList();

        Assert.Equal(["prometheus", "tempo"], provisioned.Order(StringComparer.Ordinal));
        Assert.NotEmpty(used);
        Assert.Empty(used.Where(u => !provisioned.Contains(u.Uid)).Select(u => $"{u.Where}: unknown data source '{u.Uid}'"));
    }

    [Fact]
    public void Data_sources_link_exemplars_service_map_and_traces_to_metrics_to_each_other()
    {
        var sources = ProvisionedDataSources().ToDictionary(d => d.Uid, StringComparer.Ordinal);

        Assert.Equal("prometheus", sources["prometheus"].Type);
        Assert.Equal("$PROMETHEUS_URL", sources["prometheus"].Url);
        var exemplars = (YamlSequenceNode)sources["prometheus"].JsonData.Children[new YamlScalarNode("exemplarTraceIdDestinations")];
        var destination = (YamlMappingNode)Assert.Single(exemplars.Children);
        Assert.Equal("trace_id", TempoGeneratedMetrics.Scalar(destination, "name"));
        Assert.Equal("tempo", TempoGeneratedMetrics.Scalar(destination, "datasourceUid"));

        Assert.Equal("tempo", sources["tempo"].Type);
        Assert.Equal("$TEMPO_URL", sources["tempo"].Url);
        Assert.Equal("prometheus", TempoGeneratedMetrics.Scalar(TempoGeneratedMetrics.Mapping(sources["tempo"].JsonData, "serviceMap"), "datasourceUid"));
        Assert.Equal("prometheus", TempoGeneratedMetrics.Scalar(TempoGeneratedMetrics.Mapping(sources["tempo"].JsonData, "tracesToMetrics"), "datasourceUid"));
    }

    [Fact]
    public void Tracing_dashboard_queries_only_metrics_Tempo_generates_and_labels_they_carry()
    {
        var tempo = TempoGeneratedMetrics.FromConfig(File.ReadAllText(MonitoringFiles.TempoConfig));
        var queries = GrafanaDashboard.Queries(TracingDashboard).Where(q => q.Expression is not null).ToList();

        var problems = queries.SelectMany(q =>
            PromQlSelectors.Extract(GrafanaDashboard.SubstituteVariables(q.Expression!))
                .SelectMany(tempo.Check)
                .Select(p => $"{q.Panel} / {q.RefId}: {p}"));

        Assert.True(queries.Count >= 8, $"only {queries.Count} PromQL queries");
        Assert.Empty(problems);
    }

    [Fact]
    public void Tracing_dashboard_draws_the_service_map_and_lists_recent_traces_from_Tempo()
    {
        var tempoQueries = GrafanaDashboard.Queries(TracingDashboard).Where(q => q.DataSourceUid == "tempo").ToList();

        Assert.Contains(tempoQueries, q => q is { Panel: "Service dependency map", PanelType: "nodeGraph", QueryType: "serviceMap" });
        Assert.Contains(tempoQueries, q => q is { Panel: "Recent traces", PanelType: "table", QueryType: "traceql" });
    }

    [Fact]
    public void Every_panel_is_one_of_Grafanas_built_in_panel_types()
    {
        // Plugin ids as Grafana spells them; a misspelt id ("nodegraph") renders as "panel plugin not found".
        string[] builtIn = ["bargauge", "nodeGraph", "stat", "table", "timeseries"];

        var unknown = MonitoringFiles.Dashboards.SelectMany(GrafanaDashboard.Queries)
            .Where(q => !builtIn.Contains(q.PanelType, StringComparer.Ordinal))
            .Select(q => $"{q.Dashboard} / {q.Panel}: {q.PanelType}");

        Assert.Empty(unknown);
    }

    [Fact]
    public void Tempo_metrics_are_labelled_service_not_service_name()
    {
        var tempo = TempoGeneratedMetrics.FromConfig(File.ReadAllText(MonitoringFiles.TempoConfig));
        var originalQuery = "sum by (service_name) (rate(traces_spanmetrics_calls_total[5m]))";

        var problems = PromQlSelectors.Extract(originalQuery).SelectMany(tempo.Check).ToList();

        Assert.Equal(
            ["metric 'traces_spanmetrics_calls_total' has no label 'service_name' (it has: service, span_kind, span_name, status_code)"],
            problems);
    }

    [Fact]
    public void Tempo_config_enables_span_metrics_service_graphs_and_the_messaging_latency_histogram()
    {
        var tempo = TempoGeneratedMetrics.FromConfig(File.ReadAllText(MonitoringFiles.TempoConfig));

        Assert.Equal(
            [
                "traces_service_graph_request_client_seconds_bucket", "traces_service_graph_request_client_seconds_count", "traces_service_graph_request_client_seconds_sum",
                "traces_service_graph_request_failed_total",
                "traces_service_graph_request_messaging_system_seconds_bucket", "traces_service_graph_request_messaging_system_seconds_count", "traces_service_graph_request_messaging_system_seconds_sum",
                "traces_service_graph_request_server_seconds_bucket", "traces_service_graph_request_server_seconds_count", "traces_service_graph_request_server_seconds_sum",
                "traces_service_graph_request_total",
                "traces_spanmetrics_calls_total",
                "traces_spanmetrics_latency_bucket", "traces_spanmetrics_latency_count", "traces_spanmetrics_latency_sum",
                "traces_spanmetrics_size_total",
            ],
            tempo.Names.Order(StringComparer.Ordinal));
        Assert.True(tempo.TryGetLabels("traces_service_graph_request_messaging_system_seconds_bucket", out var edgeLabels));
        Assert.Equal(["client", "connection_type", "le", "server"], edgeLabels.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tempo_receives_OTLP_on_all_interfaces_and_remote_writes_exemplars_to_Prometheus()
    {
        var root = TempoGeneratedMetrics.Load(File.ReadAllText(MonitoringFiles.TempoConfig));
        var protocols = TempoGeneratedMetrics.Mapping(root, "distributor", "receivers", "otlp", "protocols");
        var storage = TempoGeneratedMetrics.Mapping(root, "metrics_generator", "storage")!;
        var remoteWrite = (YamlMappingNode)Assert.Single(((YamlSequenceNode)storage.Children[new YamlScalarNode("remote_write")]).Children);

        Assert.Equal("0.0.0.0:4317", TempoGeneratedMetrics.Scalar(TempoGeneratedMetrics.Mapping(protocols, "grpc"), "endpoint"));
        Assert.Equal("0.0.0.0:4318", TempoGeneratedMetrics.Scalar(TempoGeneratedMetrics.Mapping(protocols, "http"), "endpoint"));
        Assert.Equal("3200", TempoGeneratedMetrics.Scalar(TempoGeneratedMetrics.Mapping(root, "server"), "http_listen_port"));
        Assert.Equal("local", TempoGeneratedMetrics.Scalar(TempoGeneratedMetrics.Mapping(root, "storage", "trace"), "backend"));
        Assert.Equal("${PROMETHEUS_REMOTE_WRITE_URL:-http://prometheus:9090/api/v1/write}", TempoGeneratedMetrics.Scalar(remoteWrite, "url"));
        Assert.Equal("true", TempoGeneratedMetrics.Scalar(remoteWrite, "send_exemplars"));
    }

    [Fact]
    public void Dashboard_provider_reads_the_folder_the_Grafana_image_copies_dashboards_into()
    {
        var providers = TempoGeneratedMetrics.Load(File.ReadAllText(MonitoringFiles.GrafanaDashboardProviders));
        var provider = (YamlMappingNode)Assert.Single(((YamlSequenceNode)providers.Children[new YamlScalarNode("providers")]).Children);
        var dockerfile = File.ReadAllLines(Path.Combine(MonitoringFiles.AppHost, "monitoring", "grafana", "Dockerfile"));

        Assert.Equal("file", TempoGeneratedMetrics.Scalar(provider, "type"));
        Assert.Equal("/var/lib/grafana/dashboards", TempoGeneratedMetrics.Scalar(TempoGeneratedMetrics.Mapping(provider, "options"), "path"));
        Assert.Contains("COPY dashboards /var/lib/grafana/dashboards", dockerfile);
        Assert.Contains("COPY provisioning /etc/grafana/provisioning", dockerfile);
    }

    private sealed record DataSource(string Uid, string Type, string Url, YamlMappingNode JsonData);

    private static IEnumerable<DataSource> ProvisionedDataSources()
    {
        var root = TempoGeneratedMetrics.Load(File.ReadAllText(MonitoringFiles.GrafanaDataSources));
        foreach (var node in ((YamlSequenceNode)root.Children[new YamlScalarNode("datasources")]).Children.Cast<YamlMappingNode>())
        {
            yield return new DataSource(
                TempoGeneratedMetrics.Scalar(node, "uid")!,
                TempoGeneratedMetrics.Scalar(node, "type")!,
                TempoGeneratedMetrics.Scalar(node, "url")!,
                TempoGeneratedMetrics.Mapping(node, "jsonData") ?? new YamlMappingNode());
        }
    }
}
