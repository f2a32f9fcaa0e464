using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Velostream.Tests.Monitoring;

public sealed class PrometheusOtlpNamesTests
{
    [Theory]
    [InlineData("velostream.records.consumed", "{record}", "Counter", "velostream_records_consumed_total")]
    [InlineData("velostream.record.processing.duration", "s", "Histogram", "velostream_record_processing_duration_seconds")]
    [InlineData("velostream.jobs.active", "{job}", "Gauge", "velostream_jobs_active")]
    [InlineData("http.server.request.duration", "s", "Histogram", "http_server_request_duration_seconds")]
    [InlineData("requests.total", "1", "Counter", "requests_total")]
    [InlineData("cpu.utilization", "1", "Gauge", "cpu_utilization_ratio")]
    [InlineData("throughput", "By/s", "Gauge", "throughput_bytes_per_second")]
    public void Metric_names_follow_Prometheus_OTLP_translation(string name, string unit, string kind, string expected)
    {
        Assert.Equal(expected, PrometheusOtlpNames.MetricName(name, unit, Enum.Parse<PrometheusOtlpNames.MetricKind>(kind)));
    }

    [Fact]
    public void Exported_instruments_become_the_series_Prometheus_stores_with_attribute_labels()
    {
        var exported = new List<Metric>();
        using var meter = new Meter("Velostream.Tests.PrometheusOtlpNames");
        using (var provider = Sdk.CreateMeterProviderBuilder().AddMeter(meter.Name).AddInMemoryExporter(exported).Build())
        {
            meter.CreateCounter<long>("demo.records", "{record}").Add(3, new KeyValuePair<string, object?>("velostream.job.name", "j"));
            meter.CreateHistogram<double>("demo.duration", "s").Record(0.5, new KeyValuePair<string, object?>("messaging.destination.name", "t"));
            meter.CreateUpDownCounter<long>("demo.active", "{job}").Add(1);
            provider.ForceFlush();
        }
        var catalog = new MetricCatalog();

        PrometheusOtlpNames.AddTo(catalog, exported);

        Assert.Equal(
            ["demo_active", "demo_duration_seconds_bucket", "demo_duration_seconds_count", "demo_duration_seconds_sum", "demo_records_total"],
            catalog.Names.Order(StringComparer.Ordinal));
        Assert.True(catalog.TryGetLabels("demo_records_total", out var counterLabels));
        Assert.Equal(["instance", "job", "velostream_job_name"], counterLabels.Order(StringComparer.Ordinal));
        Assert.True(catalog.TryGetLabels("demo_duration_seconds_bucket", out var bucketLabels));
        Assert.Equal(["instance", "job", "le", "messaging_destination_name"], bucketLabels.Order(StringComparer.Ordinal));
    }
}
