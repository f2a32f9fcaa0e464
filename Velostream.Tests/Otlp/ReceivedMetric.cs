using Velostream.Tests.Otlp.Proto;

namespace Velostream.Tests.Otlp;

/// <summary>One metric of one export, with the resource of the service that sent it.</summary>
public sealed record ReceivedMetric(IReadOnlyDictionary<string, string> Resource, string Scope, Metric Metric, string Protocol)
{
    public string ServiceName => Resource.GetValueOrDefault("service.name", "");

    public string Name => Metric.Name;

    /// <summary>Attribute sets of every data point, whatever the metric type.</summary>
    public IEnumerable<IReadOnlyDictionary<string, string>> DataPointAttributes => Metric.DataCase switch
    {
        Metric.DataOneofCase.Sum => Metric.Sum.DataPoints.Select(p => OtlpAttributes.ToDictionary(p.Attributes)),
        Metric.DataOneofCase.Gauge => Metric.Gauge.DataPoints.Select(p => OtlpAttributes.ToDictionary(p.Attributes)),
        Metric.DataOneofCase.Histogram => Metric.Histogram.DataPoints.Select(p => OtlpAttributes.ToDictionary(p.Attributes)),
        _ => [],
    };
}
