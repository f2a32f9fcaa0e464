using Microsoft.Extensions.Configuration;
using OpenTelemetry.Metrics;
using Velostream.ServiceDefaults;

namespace Velostream.Tests.ServiceDefaults;

public sealed class ExportBatchingTests
{
    [Fact]
    public void Without_settings_the_measured_defaults_apply()
    {
        var batching = ExportBatching.Read(new ConfigurationBuilder().Build());

        Assert.Equal((65_536, 2_048, 500), (batching.SpanQueueSize, batching.SpanBatchSize, batching.SpanDelayMs));
        Assert.Equal((8_192, 512, 1_000), (batching.LogQueueSize, batching.LogBatchSize, batching.LogDelayMs));
        Assert.Equal(10_000, batching.MetricIntervalMs);
        Assert.Equal(MetricReaderTemporalityPreference.Cumulative, batching.MetricTemporality);
    }

    [Fact]
    public void Otel_settings_win_and_a_batch_never_exceeds_its_queue()
    {
        var batching = ExportBatching.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_BSP_MAX_QUEUE_SIZE"] = "100",
            ["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"] = "512",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "250",
            ["OTEL_BLRP_MAX_QUEUE_SIZE"] = "not a number",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE"] = "Delta",
        }).Build());

        Assert.Equal((100, 100, 250), (batching.SpanQueueSize, batching.SpanBatchSize, batching.SpanDelayMs));
        Assert.Equal(ExportBatching.DefaultLogQueueSize, batching.LogQueueSize);
        Assert.Equal(1_000, batching.MetricIntervalMs);
        Assert.Equal(MetricReaderTemporalityPreference.Delta, batching.MetricTemporality);
    }
}
