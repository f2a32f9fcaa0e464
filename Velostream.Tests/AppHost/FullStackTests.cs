using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Velostream.Tests.AppHost;

/// <summary>
/// The whole system on Docker: the trading demo runs, Tempo's metrics-generator feeds Prometheus, and one
/// trace crosses the three services. Skipped, with the reason, when no container runtime answers.
/// </summary>
public sealed class FullStackTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan DataTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Trading_demo_fills_Prometheus_with_span_metrics_and_Tempo_with_a_trace_across_all_three_services()
    {
        SkipUnlessContainerRuntimeAnswers();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartTimeout + DataTimeout + DataTimeout);

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("grafana", timeout.Token).WaitAsync(StartTimeout, timeout.Token);

        using var prometheus = app.CreateHttpClient("prometheus", "http");
        var series = await HttpPolling.UntilAnswered(async () =>
        {
            var response = await prometheus.GetFromJsonAsync<JsonElement>(
                "/api/v1/query?query=" + Uri.EscapeDataString("traces_spanmetrics_calls_total{service=\"velostream-engine\"}"), timeout.Token);
            var result = response.GetProperty("data").GetProperty("result");
            return result.GetArrayLength() > 0 ? result.EnumerateArray().ToArray() : null;
        }, "the engine's span metrics in Prometheus", DataTimeout, TimeSpan.FromSeconds(5), timeout.Token);
        Assert.All(series, s => Assert.Equal("velostream-engine", s.GetProperty("metric").GetProperty("service").GetString()));

        using var tempo = app.CreateHttpClient("tempo", "http");
        var services = await HttpPolling.UntilAnswered(async () =>
        {
            var search = await tempo.GetFromJsonAsync<JsonElement>(
                "/api/search?limit=20&q=" + Uri.EscapeDataString("{ resource.service.name = \"alert-monitor\" }"), timeout.Token);
            foreach (var trace in search.GetProperty("traces").EnumerateArray())
            {
                var found = await ServicesInTrace(tempo, trace.GetProperty("traceID").GetString()!, timeout.Token);
                if (found.IsSupersetOf(["trading-feed", "velostream-engine", "alert-monitor"]))
                {
                    return found;
                }
            }
            return null;
        }, "a Tempo trace across the three services", DataTimeout, TimeSpan.FromSeconds(5), timeout.Token);

        Assert.Superset(new HashSet<string>(["trading-feed", "velostream-engine", "alert-monitor"], StringComparer.Ordinal), services);
    }

    private static async Task<HashSet<string>> ServicesInTrace(HttpClient tempo, string traceId, CancellationToken cancellationToken)
    {
        var trace = await tempo.GetFromJsonAsync<JsonElement>($"/api/traces/{traceId}", cancellationToken);
        var services = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in trace.GetProperty("batches").EnumerateArray())
        {
            foreach (var attribute in batch.GetProperty("resource").GetProperty("attributes").EnumerateArray())
            {
                if (attribute.GetProperty("key").GetString() == "service.name")
                {
                    services.Add(attribute.GetProperty("value").GetProperty("stringValue").GetString()!);
                }
            }
        }
        return services;
    }

    private static void SkipUnlessContainerRuntimeAnswers()
    {
        foreach (var runtime in new[] { "docker", "podman" })
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(runtime, "info")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                process.StandardOutput.ReadToEnd();
                process.StandardError.ReadToEnd();
                if (process.WaitForExit(TimeSpan.FromSeconds(30)) && process.ExitCode == 0)
                {
                    return;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed; try the next one.
            }
        }
        Assert.Skip("No container runtime answers (`docker info` and `podman info` failed): the full stack needs Docker or Podman.");
    }
}
