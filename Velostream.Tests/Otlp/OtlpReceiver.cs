using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Velostream.Tests.Otlp.Proto;

namespace Velostream.Tests.Otlp;

/// <summary>
/// An OTLP receiver hosted in the test process: gRPC (HTTP/2 cleartext) and HTTP/protobuf
/// (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>) on 127.0.0.1 with ports chosen by the system. It keeps
/// everything it receives, flattened per span, metric and log record with the sender's <c>service.name</c>, so
/// tests can assert what really crossed the wire.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<ReceivedMetric> _metrics = new();
    private readonly ConcurrentQueue<ReceivedLog> _logs = new();

    private OtlpReceiver(WebApplication app, Uri grpcEndpoint, Uri httpEndpoint)
    {
        _app = app;
        GrpcEndpoint = grpcEndpoint;
        HttpEndpoint = httpEndpoint;
    }

    /// <summary>Base address for OTLP/gRPC exporters (<c>OTEL_EXPORTER_OTLP_PROTOCOL=grpc</c>).</summary>
    public Uri GrpcEndpoint { get; }

    /// <summary>Base address for OTLP/HTTP exporters; signals are posted to <c>/v1/&lt;signal&gt;</c> under it.</summary>
    public Uri HttpEndpoint { get; }

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans;

    public IReadOnlyCollection<ReceivedMetric> Metrics => _metrics;

    public IReadOnlyCollection<ReceivedLog> Logs => _logs;

    /// <summary>Export requests received, per signal and protocol, e.g. <c>traces/grpc</c>.</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        ListenOptions? grpc = null;
        ListenOptions? http = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Without TLS there is no protocol negotiation: gRPC needs an HTTP/2-only endpoint (prior
            // knowledge), while OTLP/HTTP exporters speak HTTP/1.1.
            kestrel.Listen(IPAddress.Loopback, 0, listen => { listen.Protocols = HttpProtocols.Http2; grpc = listen; });
            kestrel.Listen(IPAddress.Loopback, 0, listen => { listen.Protocols = HttpProtocols.Http1; http = listen; });
        });
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<OtlpReceiverSink>();

        var app = builder.Build();
        var sink = app.Services.GetRequiredService<OtlpReceiverSink>();
        app.MapGrpcService<TraceServiceEndpoint>();
        app.MapGrpcService<MetricsServiceEndpoint>();
        app.MapGrpcService<LogsServiceEndpoint>();
        app.MapPost("/v1/traces", context => ReceiveHttpAsync(context, ExportTraceServiceRequest.Parser, sink.Add, new ExportTraceServiceResponse()));
        app.MapPost("/v1/metrics", context => ReceiveHttpAsync(context, ExportMetricsServiceRequest.Parser, sink.Add, new ExportMetricsServiceResponse()));
        app.MapPost("/v1/logs", context => ReceiveHttpAsync(context, ExportLogsServiceRequest.Parser, sink.Add, new ExportLogsServiceResponse()));
        await app.StartAsync();

        var receiver = new OtlpReceiver(app, new Uri($"http://127.0.0.1:{grpc!.IPEndPoint!.Port}"), new Uri($"http://127.0.0.1:{http!.IPEndPoint!.Port}"));
        sink.Receiver = receiver;
        return receiver;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test with <paramref name="what"/> after the timeout.</summary>
    public async Task WaitUntilAsync(Func<OtlpReceiver, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}; received {_spans.Count} spans, {_metrics.Count} metric points, {_logs.Count} log records ({string.Join(", ", Requests.Select(r => $"{r.Key}: {r.Value}"))})");
            }
            await Task.Delay(50);
        }
    }

    internal void Record(ExportTraceServiceRequest request, string protocol)
    {
        Requests.AddOrUpdate("traces/" + protocol, 1, static (_, n) => n + 1);
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = OtlpAttributes.ToDictionary(resourceSpans.Resource?.Attributes);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                foreach (var span in scopeSpans.Spans)
                {
                    _spans.Enqueue(new ReceivedSpan(resource, scopeSpans.Scope?.Name ?? "", span, protocol));
                }
            }
        }
    }

    internal void Record(ExportMetricsServiceRequest request, string protocol)
    {
        Requests.AddOrUpdate("metrics/" + protocol, 1, static (_, n) => n + 1);
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = OtlpAttributes.ToDictionary(resourceMetrics.Resource?.Attributes);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                foreach (var metric in scopeMetrics.Metrics)
                {
                    _metrics.Enqueue(new ReceivedMetric(resource, scopeMetrics.Scope?.Name ?? "", metric, protocol));
                }
            }
        }
    }

    internal void Record(ExportLogsServiceRequest request, string protocol)
    {
        Requests.AddOrUpdate("logs/" + protocol, 1, static (_, n) => n + 1);
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = OtlpAttributes.ToDictionary(resourceLogs.Resource?.Attributes);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                foreach (var log in scopeLogs.LogRecords)
                {
                    _logs.Enqueue(new ReceivedLog(resource, scopeLogs.Scope?.Name ?? "", log, protocol));
                }
            }
        }
    }

    private static async Task ReceiveHttpAsync<TRequest>(HttpContext context, MessageParser<TRequest> parser, Action<TRequest, string> record, IMessage response)
        where TRequest : IMessage<TRequest>
    {
        if (context.Request.ContentType?.StartsWith("application/x-protobuf", StringComparison.Ordinal) != true)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        Stream body = context.Request.Body;
        if (string.Equals(context.Request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new GZipStream(body, CompressionMode.Decompress);
        }
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, context.RequestAborted);
        buffer.Position = 0;
        record(parser.ParseFrom(buffer), "http");
        context.Response.ContentType = "application/x-protobuf";
        await context.Response.Body.WriteAsync(response.ToByteArray(), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
