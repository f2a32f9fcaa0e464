using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Velostream.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Common service defaults in the shape of the Aspire template: telemetry, health checks, service
/// discovery and resilience. Every engine verb calls <see cref="AddServiceDefaults{TBuilder}"/>, so the feed,
/// the engine and the alert monitor export the same way and differ only by service name.
/// </summary>
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();

        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();

        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Turn on resilience by default
            http.AddStandardResilienceHandler();

            // Turn on service discovery by default
            http.AddServiceDiscovery();
        });

        return builder;
    }

    /// <summary>
    /// Tracing (the Velostream ActivitySource, ASP.NET Core, HttpClient), metrics (the Velostream Meter,
    /// runtime, ASP.NET Core, HttpClient) and logs, with the exporters that configuration asks for.
    /// </summary>
    /// <exception cref="InvalidOperationException">The telemetry configuration has invalid values; the message names each key.</exception>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var settings = TelemetrySettings.Read(builder.Configuration, builder.Environment.ApplicationName, out var errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid telemetry configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors));
        }
        builder.Services.AddSingleton(settings);
        builder.Services.AddHostedService<TelemetryStartupLogger>();
        builder.Services.AddSingleton<TelemetryDrops>();

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                settings.ServiceName,
                serviceVersion: settings.ServiceVersion,
                autoGenerateServiceInstanceId: false,
                serviceInstanceId: settings.ServiceInstanceId))
            .WithLogging(logging => { }, options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            })
            .WithMetrics(metrics => metrics
                .AddMeter(TelemetryNames.Meter)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Histogram buckets keep the trace id of a sampled measurement, so a slow bucket in
                // Grafana links straight to a trace in Tempo.
                .SetExemplarFilter(ExemplarFilterType.TraceBased));

        if (settings.TracingEnabled)
        {
            SamplingSettings.InForce = settings.Sampling;
            telemetry.WithTracing(tracing => tracing
                // Parent-based: a record that arrives sampled stays sampled here and vice versa, so one
                // record's trace is either whole or absent, never cut in the middle.
                .SetSampler(settings.Sampling.CreateSampler())
                .AddSource(TelemetryNames.ActivitySource)
                .AddAspNetCoreInstrumentation(tracing =>
                    // Exclude health check requests from tracing: probes every few seconds would bury the jobs' traces.
                    tracing.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation());
        }

        builder.AddOpenTelemetryExporters(settings);

        return builder;
    }

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder, TelemetrySettings settings) where TBuilder : IHostApplicationBuilder
    {
        var telemetry = builder.Services.AddOpenTelemetry();
        var configuration = builder.Configuration;
        var batching = ExportBatching.Read(configuration);

        // The exporters are built here rather than by AddOtlpExporter so that every failed export and every
        // item a full queue turns away is counted and reported (TelemetryDrops): the SDK itself only writes
        // them to an EventSource nobody listens to, and warnings (timeouts, unreachable gRPC receivers) there
        // were not even looked at.
        _ = ExportFailureListener.Instance;

        if (settings.Otlp is { } otlp)
        {
            telemetry.WithLogging(logging => logging.AddProcessor(sp =>
            {
                var drops = sp.GetRequiredService<TelemetryDrops>();
                drops.Exporting(TelemetryDrops.Logs);
                var processor = new BatchLogRecordExportProcessor(
                    new CountingOtlpLogExporter(ExporterOptions(configuration, otlp, "v1/logs", useConfiguredHeaders: true), drops),
                    batching.LogQueueSize, batching.LogDelayMs, batching.TimeoutMs, batching.LogBatchSize);
                drops.Watch(TelemetryDrops.Logs, processor);
                return processor;
            }));
            telemetry.WithMetrics(metrics => metrics.AddReader(sp =>
                MetricReader(sp, ExporterOptions(configuration, otlp, "v1/metrics", useConfiguredHeaders: true), batching.MetricIntervalMs, batching.MetricTemporality)));
            if (settings.TracingEnabled)
            {
                telemetry.WithTracing(tracing => tracing.AddProcessor(sp =>
                    SpanProcessor(sp, ExporterOptions(configuration, otlp, "v1/traces", useConfiguredHeaders: true), batching)));
            }
        }

        if (settings.Tempo is { } tempo && settings.TracingEnabled)
        {
            // A second trace exporter: Tempo's metrics-generator turns these spans into the span metrics and
            // service graph the Grafana dashboards query.
            telemetry.WithTracing(tracing => tracing.AddProcessor(sp =>
                SpanProcessor(sp, ExporterOptions(configuration, tempo, signalPath: null, useConfiguredHeaders: false), batching)));
        }

        if (settings.Prometheus is { } prometheus)
        {
            // Prometheus's native OTLP receiver takes pushed metrics over HTTP/protobuf, so the engine needs no
            // scrape endpoint and keeps the same names and exemplars as the dashboard's OTLP stream. It rejects
            // delta temporality.
            telemetry.WithMetrics(metrics => metrics.AddReader(sp =>
                MetricReader(sp, ExporterOptions(configuration, prometheus, signalPath: null, useConfiguredHeaders: false),
                    settings.PrometheusExportIntervalMs, MetricReaderTemporalityPreference.Cumulative)));
        }

        return builder;
    }

    private static BatchActivityExportProcessor SpanProcessor(IServiceProvider services, OtlpExporterOptions options, ExportBatching batching)
    {
        var drops = services.GetRequiredService<TelemetryDrops>();
        drops.Exporting(TelemetryDrops.Traces);
        var processor = new BatchActivityExportProcessor(new CountingOtlpTraceExporter(options, drops),
            batching.SpanQueueSize, batching.SpanDelayMs, batching.TimeoutMs, batching.SpanBatchSize);
        drops.Watch(TelemetryDrops.Traces, processor);
        return processor;
    }

    private static PeriodicExportingMetricReader MetricReader(IServiceProvider services, OtlpExporterOptions options, int intervalMs, MetricReaderTemporalityPreference temporality)
    {
        var drops = services.GetRequiredService<TelemetryDrops>();
        drops.Exporting(TelemetryDrops.Metrics);
        // An export that waits for a slow receiver must not delay the next collection past its interval.
        return new PeriodicExportingMetricReader(new CountingOtlpMetricExporter(options, drops), intervalMs, Math.Min(intervalMs, options.TimeoutMilliseconds))
        {
            TemporalityPreference = temporality,
        };
    }

    /// <summary>
    /// Options for one exporter. The constructor reads the OTEL_EXPORTER_OTLP_* environment variables; what
    /// configuration says (command-line options land there) wins. The exporters get plain HttpClients: from
    /// IHttpClientFactory they would get the standard resilience handler that ConfigureHttpClientDefaults adds,
    /// and with the collector down every export would be retried and each retry log a warning, which is itself
    /// exported, and fails, and so on. The exporters have their own timeout and drop policy.
    /// </summary>
    /// <param name="signalPath">For OTLP/HTTP, the signal's path appended to the base endpoint (null: the endpoint is complete).</param>
    /// <param name="useConfiguredHeaders">OTEL_EXPORTER_OTLP_HEADERS (e.g. the Aspire dashboard's API key) are for the main destination only.</param>
    private static OtlpExporterOptions ExporterOptions(IConfiguration configuration, OtlpDestination destination, string? signalPath, bool useConfiguredHeaders)
    {
        var options = new OtlpExporterOptions
        {
            Protocol = destination.Protocol,
            Endpoint = destination.Protocol == OtlpExportProtocol.HttpProtobuf && signalPath is not null
                ? TelemetrySettings.WithSignalPath(destination.Endpoint, signalPath)
                : destination.Endpoint,
        };
        options.Headers = useConfiguredHeaders ? configuration[TelemetryConfigurationKeys.OtlpHeaders] ?? options.Headers : null;
        if (int.TryParse(configuration[TelemetryConfigurationKeys.OtlpTimeout], System.Globalization.CultureInfo.InvariantCulture, out var timeout) && timeout > 0)
        {
            options.TimeoutMilliseconds = timeout;
        }
        var timeoutMs = options.TimeoutMilliseconds;
        options.HttpClientFactory = () => new HttpClient { Timeout = TimeSpan.FromMilliseconds(timeoutMs) };
        return options;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            // Add a default liveness check to ensure app is responsive
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);

        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Mapped in every environment (the template maps them only in Development): container platforms
        // probe them, and the responses carry only the status word, no details.

        // All health checks must pass for app to be considered ready to accept traffic after starting
        app.MapHealthChecks(HealthEndpointPath);

        // Only health checks tagged with the "live" tag must pass for app to be considered alive
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains("live")
        });

        return app;
    }
}
