using Velostream.Tests.ServiceDefaults;
using Velostream.Tests.Telemetry;

namespace Velostream.Tests.Monitoring;

/// <summary>
/// The engine dashboard queries exactly what the engine exports, as Prometheus stores it: the metrics come
/// from a real export (a probe job run through the engine, exported by AddServiceDefaults() over OTLP to a
/// receiver in the test, see <see cref="ExportedMetrics"/>). That host listens to the process-wide Velostream
/// meter, so these tests share the collection that keeps such hosts from running alongside each other.
/// </summary>
[Collection(nameof(ProcessWideTelemetry))]
public sealed class EngineDashboardTests
{
    private static readonly string EngineDashboard = Path.Combine(MonitoringFiles.GrafanaDashboards, "velostream-engine.json");

    [Fact]
    public async Task Engine_dashboard_queries_only_metrics_the_engine_exports_and_labels_they_carry()
    {
        var engine = MetricCatalog.FromExport(await ExportedMetrics.CollectAsync());
        var queries = GrafanaDashboard.Queries(EngineDashboard).Where(q => q.Expression is not null).ToList();

        var problems = queries
            .SelectMany(q => PromQlSelectors.Extract(GrafanaDashboard.SubstituteVariables(q.Expression!))
                .SelectMany(engine.Check)
                .Select(p => $"{q.Panel} / {q.RefId}: {p}"))
            .Concat(GrafanaDashboard.Variables(EngineDashboard)
                .Select(v => (v.Name, Use: PromQlSelectors.LabelValuesQuery(v.Query)))
                .SelectMany(v => v.Use is null ? [$"${v.Name}: not a label_values query"] : engine.Check(v.Use).Select(p => $"${v.Name}: {p}")));

        Assert.True(queries.Count >= 10, $"only {queries.Count} PromQL queries");
        Assert.Empty(problems);
    }
}
