namespace Velostream.ServiceDefaults;

/// <summary>
/// Configuration keys the telemetry set-up reads. Keys with ':' can also be given as environment
/// variables with '__' (for example <c>Velostream__Telemetry__SamplingRatio</c>); the OTEL_* keys are the
/// OpenTelemetry SDK's own environment variables, which Aspire sets for every project it starts.
/// </summary>
public static class TelemetryConfigurationKeys
{
    /// <summary>true/false: forces tracing on (<c>--enable-tracing</c>) or off. Unset: on when a trace destination is configured.</summary>
    public const string Enabled = "Velostream:Telemetry:Enabled";

    /// <summary>The OTLP endpoint for traces, metrics and logs (the Aspire dashboard in run mode).</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public const string OtlpProtocol = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>Headers sent with every OTLP export to the main endpoint, <c>key=value,…</c> (the Aspire dashboard's API key).</summary>
    public const string OtlpHeaders = "OTEL_EXPORTER_OTLP_HEADERS";

    /// <summary>How long one export may wait for the receiver, in milliseconds (SDK default 10000).</summary>
    public const string OtlpTimeout = "OTEL_EXPORTER_OTLP_TIMEOUT";

    /// <summary>Span batching: queue size, largest export, delay between exports (ms).</summary>
    public const string SpanQueueSize = "OTEL_BSP_MAX_QUEUE_SIZE";
    public const string SpanBatchSize = "OTEL_BSP_MAX_EXPORT_BATCH_SIZE";
    public const string SpanDelay = "OTEL_BSP_SCHEDULE_DELAY";

    /// <summary>Log record batching: queue size, largest export, delay between exports (ms).</summary>
    public const string LogQueueSize = "OTEL_BLRP_MAX_QUEUE_SIZE";
    public const string LogBatchSize = "OTEL_BLRP_MAX_EXPORT_BATCH_SIZE";
    public const string LogDelay = "OTEL_BLRP_SCHEDULE_DELAY";

    /// <summary>Interval between metric exports to the main endpoint (ms).</summary>
    public const string MetricExportInterval = "OTEL_METRIC_EXPORT_INTERVAL";

    /// <summary><c>cumulative</c> (default) or <c>delta</c>, for the main endpoint.</summary>
    public const string MetricTemporality = "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE";

    /// <summary>Head-sampling ratio between 0 and 1 for traces that start here (<c>--sampling-ratio</c>).</summary>
    public const string SamplingRatio = "Velostream:Telemetry:SamplingRatio";

    /// <summary>The original project's modes: debug (100%), dev (50%), staging (25%), prod (1%).</summary>
    public const string SamplingMode = "Velostream:Telemetry:SamplingMode";

    /// <summary>OpenTelemetry's sampler name: always_on, always_off, traceidratio, parentbased_*.</summary>
    public const string TracesSampler = "OTEL_TRACES_SAMPLER";

    /// <summary>The ratio for the traceidratio samplers.</summary>
    public const string TracesSamplerArg = "OTEL_TRACES_SAMPLER_ARG";

    /// <summary>Tempo's OTLP endpoint: a second trace exporter feeding Tempo's metrics-generator.</summary>
    public const string TempoEndpoint = "Velostream:Telemetry:TempoEndpoint";

    /// <summary>Environment-variable spelling of <see cref="TempoEndpoint"/>.</summary>
    public const string TempoEndpointVariable = "VELOSTREAM_TEMPO_OTLP_ENDPOINT";

    /// <summary><c>grpc</c> (default, Tempo's :4317) or <c>http/protobuf</c> (Tempo's :4318).</summary>
    public const string TempoProtocol = "Velostream:Telemetry:TempoProtocol";

    /// <summary>
    /// Prometheus's OTLP receiver, e.g. <c>http://prometheus:9090/api/v1/otlp</c>; metrics are posted to
    /// <c>…/v1/metrics</c> over HTTP/protobuf (the only protocol Prometheus accepts).
    /// </summary>
    public const string PrometheusEndpoint = "Velostream:Telemetry:PrometheusEndpoint";

    /// <summary>Environment-variable spelling of <see cref="PrometheusEndpoint"/>.</summary>
    public const string PrometheusEndpointVariable = "VELOSTREAM_PROMETHEUS_OTLP_ENDPOINT";

    /// <summary>How often metrics are pushed to Prometheus, in milliseconds (default 10000).</summary>
    public const string PrometheusExportIntervalMs = "Velostream:Telemetry:PrometheusExportIntervalMs";

    /// <summary>service.name; OTEL_SERVICE_NAME (set by Aspire) wins over this key.</summary>
    public const string ServiceName = "Velostream:Telemetry:ServiceName";

    /// <summary>The OpenTelemetry SDK's service name variable.</summary>
    public const string OtelServiceName = "OTEL_SERVICE_NAME";

    /// <summary>The OpenTelemetry SDK's resource attributes variable (Aspire puts service.instance.id here).</summary>
    public const string OtelResourceAttributes = "OTEL_RESOURCE_ATTRIBUTES";

    /// <summary>How many input contexts a window or join output span links to (default 32).</summary>
    public const string MaxLinks = "Velostream:Telemetry:MaxLinks";
}
