using System.Globalization;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Metrics;

namespace Velostream.ServiceDefaults;

/// <summary>
/// How the exporters batch, from the OTEL_BSP_*, OTEL_BLRP_* and OTEL_METRIC_* settings when given, else
/// from what the trading demo needs at 100% sampling (docs/observability.md, "Export that keeps up").
/// </summary>
internal sealed record ExportBatching
{
    /// <summary>
    /// Measured: the trading demo at its default rate (feed 1,000 records/s) ends 6,215 spans a second in
    /// the engine at 100% sampling (1,676 in the alert monitor, 1,001 in the feed), more in bursts when
    /// windows close. The queue holds ten seconds of the engine's, so a receiver that stalls for one export
    /// timeout (10 s) loses nothing; the SDK's 2,048 overflowed in a third of a second and the previous 32,768
    /// in five. A full queue holds about 64 MB of spans.
    /// </summary>
    public const int DefaultSpanQueueSize = 65_536;

    /// <summary>
    /// At most 2,048 spans per request: three requests a second at the engine's rate (measured: 1,300 spans per
    /// request on average to a receiver that keeps up), and a timeout loses 2,048 spans, not 4,096.
    /// </summary>
    public const int DefaultSpanBatchSize = 2_048;

    /// <summary>Exported every 500 ms: the queue never holds more than a fraction of its size, and a trace's spans arrive within a second.</summary>
    public const int DefaultSpanDelayMs = 500;

    public const int DefaultLogQueueSize = 8_192;
    public const int DefaultLogBatchSize = 512;
    public const int DefaultLogDelayMs = 1_000;

    /// <summary>The SDK's default (60 s) leaves a dashboard empty for a minute; Prometheus's push interval is 10 s too.</summary>
    public const int DefaultMetricIntervalMs = 10_000;

    public int SpanQueueSize { get; init; } = DefaultSpanQueueSize;
    public int SpanBatchSize { get; init; } = DefaultSpanBatchSize;
    public int SpanDelayMs { get; init; } = DefaultSpanDelayMs;
    public int LogQueueSize { get; init; } = DefaultLogQueueSize;
    public int LogBatchSize { get; init; } = DefaultLogBatchSize;
    public int LogDelayMs { get; init; } = DefaultLogDelayMs;
    public int MetricIntervalMs { get; init; } = DefaultMetricIntervalMs;
    public MetricReaderTemporalityPreference MetricTemporality { get; init; } = MetricReaderTemporalityPreference.Cumulative;

    /// <summary>How long the processors wait for one export when flushing (the exporter's own timeout applies to each request).</summary>
    public int TimeoutMs { get; init; } = 30_000;

    public static ExportBatching Read(IConfiguration configuration)
    {
        var spanQueue = Positive(configuration, TelemetryConfigurationKeys.SpanQueueSize, DefaultSpanQueueSize);
        var logQueue = Positive(configuration, TelemetryConfigurationKeys.LogQueueSize, DefaultLogQueueSize);
        return new ExportBatching
        {
            SpanQueueSize = spanQueue,
            // The SDK rejects a batch larger than its queue.
            SpanBatchSize = Math.Min(spanQueue, Positive(configuration, TelemetryConfigurationKeys.SpanBatchSize, DefaultSpanBatchSize)),
            SpanDelayMs = Positive(configuration, TelemetryConfigurationKeys.SpanDelay, DefaultSpanDelayMs),
            LogQueueSize = logQueue,
            LogBatchSize = Math.Min(logQueue, Positive(configuration, TelemetryConfigurationKeys.LogBatchSize, DefaultLogBatchSize)),
            LogDelayMs = Positive(configuration, TelemetryConfigurationKeys.LogDelay, DefaultLogDelayMs),
            MetricIntervalMs = Positive(configuration, TelemetryConfigurationKeys.MetricExportInterval, DefaultMetricIntervalMs),
            MetricTemporality = string.Equals(configuration[TelemetryConfigurationKeys.MetricTemporality], "delta", StringComparison.OrdinalIgnoreCase)
                ? MetricReaderTemporalityPreference.Delta
                : MetricReaderTemporalityPreference.Cumulative,
        };
    }

    private static int Positive(IConfiguration configuration, string key, int defaultValue) =>
        int.TryParse(configuration[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : defaultValue;
}
