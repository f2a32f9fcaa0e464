using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Velostream.Tests.Viewer;

/// <summary>
/// The standalone Aspire dashboard (NuGet package Aspire.Dashboard.Sdk.linux-x64, downloaded by the test
/// project), started on loopback with unsecured OTLP/gRPC and OTLP/HTTP receivers and its telemetry HTTP API
/// (<c>/api/telemetry/*</c>), read back by the tests exactly as a person's browser would see the data.
/// </summary>
internal sealed class AspireDashboard : IDisposable
{
    private readonly ChildProcess _process;
    private readonly HttpClient _api;

    private AspireDashboard(ChildProcess process, Uri frontend, Uri grpc, Uri http)
    {
        _process = process;
        Frontend = frontend;
        GrpcEndpoint = grpc;
        HttpEndpoint = http;
        _api = new HttpClient { BaseAddress = frontend, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Frontend { get; }

    public Uri GrpcEndpoint { get; }

    public Uri HttpEndpoint { get; }

    public ChildProcess Process => _process;

    /// <summary>The dashboard executable from the restored package, or null (with the reason) where it cannot run.</summary>
    public static string? Executable(out string reason)
    {
        reason = "";
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            reason = "the Aspire dashboard package used here is built for linux-x64";
            return null;
        }
        var path = typeof(AspireDashboard).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "AspireDashboardPath")?.Value;
        if (path is null || !File.Exists(path))
        {
            reason = $"the Aspire dashboard was not restored (expected at {path ?? "<unknown>"}; run dotnet restore)";
            return null;
        }
        return path;
    }

    public static async Task<AspireDashboard> StartAsync(string executable, string workingDirectory, CancellationToken cancellationToken)
    {
        var (frontend, grpc, http) = (FreePort(), FreePort(), FreePort());
        var process = ChildProcess.Start("aspire-dashboard", executable, [], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{frontend}",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{grpc}",
            ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{http}",
            // Loopback only, for a test: no browser token, no OTLP or API key.
            ["Dashboard__Frontend__AuthMode"] = "Unsecured",
            ["Dashboard__Otlp__AuthMode"] = "Unsecured",
            ["Dashboard__Api__AuthMode"] = "Unsecured",
            ["Dashboard__Api__Disabled"] = "false",
            ["DOTNET_gcServer"] = "0",
        }, workingDirectory);
        var dashboard = new AspireDashboard(process, new Uri($"http://127.0.0.1:{frontend}"), new Uri($"http://127.0.0.1:{grpc}"), new Uri($"http://127.0.0.1:{http}"));
        try
        {
            await process.WaitForLineAsync("OTLP/HTTP listening on", TimeSpan.FromSeconds(60), cancellationToken);
            return dashboard;
        }
        catch
        {
            dashboard.Dispose();
            throw;
        }
    }

    /// <summary>Every span the dashboard holds for <paramref name="services"/> (the API keeps the most recent <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<ViewerSpan>> SpansAsync(IEnumerable<string> services, int limit, CancellationToken cancellationToken)
    {
        var query = string.Join('&', services.Select(s => "resource=" + Uri.EscapeDataString(s)).Append($"limit={limit}"));
        using var response = await _api.GetAsync($"/api/telemetry/spans?{query}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            // No span of those services has arrived yet.
            return [];
        }
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        var spans = new List<ViewerSpan>();
        foreach (var resourceSpans in json.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = resourceSpans.TryGetProperty("resource", out var resource) ? Attributes(resource).GetValueOrDefault("service.name", "") : "";
            foreach (var scopeSpans in resourceSpans.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scopeSpans.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new ViewerSpan(
                        service,
                        span.GetProperty("traceId").GetString()!,
                        span.GetProperty("spanId").GetString()!,
                        span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() ?? "" : "",
                        span.GetProperty("name").GetString()!,
                        span.TryGetProperty("kind", out var kind) ? kind.GetInt32() : 0,
                        Attributes(span)));
                }
            }
        }
        return spans;
    }

    /// <summary>The services the dashboard has telemetry from, with whether metrics arrived.</summary>
    public async Task<IReadOnlyDictionary<string, bool>> ServicesWithMetricsAsync(CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await _api.GetStringAsync("/api/telemetry/resources", cancellationToken));
        return json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("hasMetrics").GetBoolean());
    }

    private static Dictionary<string, string> Attributes(JsonElement element)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.TryGetProperty("attributes", out var list))
        {
            foreach (var attribute in list.EnumerateArray())
            {
                var value = attribute.GetProperty("value");
                attributes[attribute.GetProperty("key").GetString()!] = value.EnumerateObject().FirstOrDefault() is { Value: var v } ? v.ToString() : "";
            }
        }
        return attributes;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _api.Dispose();
        _process.Dispose();
    }
}
