using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
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
        builder.Services.AddHostedService<ExportFailureLogger>();

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

        // The exporters would otherwise take their HttpClient from IHttpClientFactory, which
        // ConfigureHttpClientDefaults gives the standard resilience handler: with the collector down, every
        // export is retried and each retry logs a warning, which is itself exported, and fails, and so on.
        // The exporters have their own timeout and drop policy; they get plain clients.
        var batchSettingsGiven = builder.Configuration["OTEL_BSP_MAX_QUEUE_SIZE"] is not null
            || builder.Configuration["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"] is not null
            || builder.Configuration["OTEL_BSP_SCHEDULE_DELAY"] is not null;
        builder.Services.ConfigureAll<OtlpExporterOptions>(options =>
        {
            options.HttpClientFactory = () => new HttpClient { Timeout = TimeSpan.FromMilliseconds(options.TimeoutMilliseconds) };
            if (!batchSettingsGiven)
            {
                // The SDK's defaults (2,048 queued spans, exported every 5 s) drop spans as soon as a job
                // traces more than ~400 records per second. A deeper queue exported in larger, more frequent
                // batches keeps up with full sampling and still bounds memory when the collector is down.
                options.BatchExportProcessorOptions.MaxQueueSize = 32_768;
                options.BatchExportProcessorOptions.MaxExportBatchSize = 4_096;
                options.BatchExportProcessorOptions.ScheduledDelayMilliseconds = 1_000;
            }
        });

        if (settings.Otlp is not null)
        {
            // Unnamed exporters read OTEL_EXPORTER_OTLP_* (endpoint, protocol, headers such as the Aspire
            // dashboard's API key) from configuration themselves.
            telemetry.WithLogging(logging => logging.AddOtlpExporter());
            telemetry.WithMetrics(metrics => metrics.AddOtlpExporter());
            if (settings.TracingEnabled)
            {
                telemetry.WithTracing(tracing => tracing.AddOtlpExporter());
            }
        }

        if (settings.Tempo is { } tempo && settings.TracingEnabled)
        {
            // A second trace exporter: Tempo's metrics-generator turns these spans into the span metrics and
            // service graph the Grafana dashboards query.
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter("tempo", options =>
            {
                options.Endpoint = tempo.Endpoint;
                options.Protocol = tempo.Protocol;
                options.Headers = null;
            }));
        }

        if (settings.Prometheus is { } prometheus)
        {
            // Prometheus's native OTLP receiver takes pushed metrics over HTTP/protobuf, so the engine needs no
            // scrape endpoint and keeps the same names and exemplars as the dashboard's OTLP stream.
            telemetry.WithMetrics(metrics => metrics.AddOtlpExporter("prometheus", (options, reader) =>
            {
                options.Endpoint = prometheus.Endpoint;
                options.Protocol = prometheus.Protocol;
                options.Headers = null;
                // Prometheus rejects delta temporality.
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = settings.PrometheusExportIntervalMs;
            }));
        }

        return builder;
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
