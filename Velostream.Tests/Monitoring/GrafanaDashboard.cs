using System.Text.Json;

namespace Velostream.Tests.Monitoring;

/// <summary>One query of one panel of a provisioned dashboard.</summary>
/// <param name="Dashboard">The dashboard file name.</param>
/// <param name="Panel">The panel title.</param>
/// <param name="PanelType">The panel plugin id (timeseries, nodeGraph, …).</param>
/// <param name="RefId">The query's refId within the panel.</param>
/// <param name="DataSourceUid">The data source uid of the query (or of its panel).</param>
/// <param name="Expression">The PromQL expression, for Prometheus queries.</param>
/// <param name="QueryType">The Tempo query type (serviceMap, traceql), for Tempo queries.</param>
internal sealed record PanelQuery(string Dashboard, string Panel, string PanelType, string RefId, string DataSourceUid, string? Expression, string? QueryType);

/// <summary>Reads the queries and template variables out of a Grafana dashboard JSON file.</summary>
internal static class GrafanaDashboard
{
    public static IReadOnlyList<PanelQuery> Queries(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var file = Path.GetFileName(path);
        var queries = new List<PanelQuery>();
        foreach (var panel in Panels(document.RootElement))
        {
            var title = panel.GetProperty("title").GetString()!;
            var panelUid = Uid(panel);
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }
            foreach (var target in targets.EnumerateArray())
            {
                queries.Add(new PanelQuery(
                    file,
                    title,
                    panel.GetProperty("type").GetString()!,
                    target.GetProperty("refId").GetString()!,
                    Uid(target) ?? panelUid ?? "",
                    target.TryGetProperty("expr", out var expr) ? expr.GetString() : null,
                    target.TryGetProperty("queryType", out var type) ? type.GetString() : null));
            }
        }
        return queries;
    }

    /// <summary>Template variables: (name, data source uid, query text).</summary>
    public static IReadOnlyList<(string Name, string DataSourceUid, string Query)> Variables(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var variables = new List<(string, string, string)>();
        if (document.RootElement.TryGetProperty("templating", out var templating))
        {
            foreach (var variable in templating.GetProperty("list").EnumerateArray())
            {
                var query = variable.GetProperty("query");
                var text = query.ValueKind == JsonValueKind.Object ? query.GetProperty("query").GetString()! : query.GetString()!;
                variables.Add((variable.GetProperty("name").GetString()!, Uid(variable) ?? "", text));
            }
        }
        return variables;
    }

    /// <summary>
    /// Grafana's built-in and dashboard variables, replaced as Grafana would before sending a query:
    /// intervals by a duration, multi-value variables by a regex matching every value.
    /// </summary>
    public static string SubstituteVariables(string expression) =>
        expression
            .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
            .Replace("$__interval", "1m", StringComparison.Ordinal)
            .Replace("$__range", "5m", StringComparison.Ordinal)
            .Replace("$job", ".+", StringComparison.Ordinal);

    private static IEnumerable<JsonElement> Panels(JsonElement root)
    {
        if (!root.TryGetProperty("panels", out var panels))
        {
            yield break;
        }
        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            foreach (var nested in Panels(panel))
            {
                yield return nested;
            }
        }
    }

    private static string? Uid(JsonElement element) =>
        element.TryGetProperty("datasource", out var ds) && ds.ValueKind == JsonValueKind.Object && ds.TryGetProperty("uid", out var uid)
            ? uid.GetString()
            : null;
}
