namespace Velostream.Tests.Telemetry;

public sealed class ExportedMetricsTests
{
    [Fact]
    public async Task The_engine_exports_every_velostream_metric_with_the_names_and_labels_prometheus_will_show()
    {
        var metrics = (await ExportedMetrics.CollectAsync()).Where(m => m.Name.StartsWith("velostream.", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            [
                "velostream.consumer.lag {record} gauge [messaging.destination.name, velostream.job.name] -> velostream_consumer_lag",
                "velostream.jobs.active {job} updowncounter [velostream.job.name] -> velostream_jobs_active",
                "velostream.join.buffered_rows {row} gauge [velostream.job.name] -> velostream_join_buffered_rows",
                "velostream.record.processing.duration s histogram [velostream.job.name] -> velostream_record_processing_duration_seconds_bucket, velostream_record_processing_duration_seconds_sum, velostream_record_processing_duration_seconds_count",
                "velostream.records.consumed {record} counter [messaging.destination.name, velostream.job.name] -> velostream_records_consumed_total",
                "velostream.records.dead_lettered {record} counter [messaging.destination.name, velostream.job.name] -> velostream_records_dead_lettered_total",
                "velostream.records.failed {record} counter [error.type, messaging.destination.name, velostream.job.name] -> velostream_records_failed_total",
                "velostream.records.late {record} counter [messaging.destination.name, velostream.job.name] -> velostream_records_late_total",
                "velostream.records.produced {record} counter [messaging.destination.name, velostream.job.name] -> velostream_records_produced_total",
                "velostream.telemetry.dropped {item} counter [reason, signal] -> velostream_telemetry_dropped_total",
                "velostream.window.keys {key} gauge [velostream.job.name] -> velostream_window_keys",
                "velostream.window.open {window} gauge [velostream.job.name] -> velostream_window_open",
            ],
            metrics.Select(m => $"{m.Name} {m.Unit} {m.Type} [{string.Join(", ", m.AttributeKeys.Order(StringComparer.Ordinal))}] -> {string.Join(", ", m.PrometheusSeries)}"));
        Assert.Equal(
            ["error_type", "instance", "job", "messaging_destination_name", "velostream_job_name"],
            metrics.Single(m => m.Name == "velostream.records.failed").PrometheusLabels.Order(StringComparer.Ordinal));
        Assert.Contains("le", metrics.Single(m => m.Name == "velostream.record.processing.duration").PrometheusLabels);
    }

    [Fact]
    public async Task Runtime_metrics_are_exported_too()
    {
        var metrics = await ExportedMetrics.CollectAsync();

        Assert.Contains(metrics, m => m.Name == "dotnet.gc.collections" && m.PrometheusSeries.SequenceEqual(["dotnet_gc_collections_total"]));
    }
}
