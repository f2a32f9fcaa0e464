using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Velostream.Benchmarks.Tracing;

/// <summary>
/// A local OTLP/HTTP endpoint for the benchmark: accepts <c>/v1/traces</c>, <c>/v1/metrics</c> and
/// <c>/v1/logs</c>, reads each body whole and answers 200 with an empty export response. It does not decode
/// (the tests' receiver does that); it stands for a collector that keeps up.
/// </summary>
internal sealed class CountingOtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;
    private long _bytes;

    private CountingOtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public long Requests => Interlocked.Read(ref _requests);

    public long Bytes => Interlocked.Read(ref _bytes);

    public static async Task<CountingOtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        ListenOptions? listen = null;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => { o.Protocols = HttpProtocols.Http1; listen = o; }));
        var app = builder.Build();
        var receiver = new CountingOtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            var buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                total += read;
            }
            Interlocked.Increment(ref receiver._requests);
            Interlocked.Add(ref receiver._bytes, total);
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        receiver.Endpoint = new Uri($"http://127.0.0.1:{listen!.IPEndPoint!.Port}");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
