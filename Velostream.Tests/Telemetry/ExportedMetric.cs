namespace Velostream.Tests.Telemetry;

/// <summary>
/// One metric as a service really exported it over OTLP, and how Prometheus names it after receiving it:
/// what dashboards may query (<see cref="PrometheusSeries"/>, with <see cref="PrometheusLabels"/>).
/// </summary>
public sealed record ExportedMetric(
    string Name,
    string Unit,
    string Type,
    IReadOnlySet<string> AttributeKeys,
    IReadOnlyList<string> PrometheusSeries,
    IReadOnlySet<string> PrometheusLabels);
