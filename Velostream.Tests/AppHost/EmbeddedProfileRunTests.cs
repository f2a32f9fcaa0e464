using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Velostream.Tests.Otlp;

namespace Velostream.Tests.AppHost;

/// <summary>
/// The embedded profile for real, under DCP and without a container runtime: the broker and the three
/// roles start as processes, a job POSTed through the engine's Aspire endpoint consumes the feed, and the
/// roles' spans reach an OTLP receiver as one trace per record.
/// </summary>
public sealed class EmbeddedProfileRunTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan DataTimeout = TimeSpan.FromSeconds(60);

    private const string Application = """
        -- @app: apphost_check
        -- @name: nvda_ticks
        CREATE STREAM nvda_ticks AS
        SELECT symbol, price, volume
        FROM market_data
        WHERE symbol = 'NVDA'
        EMIT CHANGES
        WITH ('market_data.type' = 'kafka_source',
              'market_data.topic.name' = 'market_data',
              'market_data.group.id' = 'apphost-check',
              'nvda_ticks.type' = 'kafka_sink',
              'nvda_ticks.topic.name' = 'nvda_ticks');
        """;

    [Fact]
    public async Task Embedded_profile_starts_every_role_runs_a_posted_job_and_exports_whole_traces()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartTimeout + DataTimeout + DataTimeout);
        await using var receiver = await OtlpReceiver.StartAsync();

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Velostream_AppHost>(
            ["--profile", "embedded"], timeout.Token);
        // The roles export where the Aspire dashboard would receive; here, to the test's own receiver.
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.GrpcEndpoint.ToString())
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
                .WithEnvironment("Velostream__Telemetry__SamplingRatio", "1");
        }
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);

        foreach (var role in new[] { "kafka-broker", "trading-feed", "velostream-engine", "alert-monitor" })
        {
            await app.ResourceNotifications.WaitForResourceAsync(role, KnownResourceStates.Running, timeout.Token)
                .WaitAsync(StartTimeout, timeout.Token);
        }
        await app.ResourceNotifications.WaitForResourceHealthyAsync("velostream-engine", timeout.Token).WaitAsync(StartTimeout, timeout.Token);

        var apiKey = await builder.Resources.OfType<ParameterResource>().Single(p => p.Name == "velostream-api-key").GetValueAsync(timeout.Token);
        using var engine = app.CreateHttpClient("velostream-engine", "http");
        // The AppHost gives the job server a key: every /jobs call, reading ones included, needs it.
        engine.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/jobs?name=apphost_check.sql")
        {
            Content = new StringContent(Application, Encoding.UTF8, "text/plain"),
        };
        using var created = await engine.SendAsync(post, timeout.Token);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"POST /jobs: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(timeout.Token)}");

        // The job's state, once it has consumed and produced.
        var state = await HttpPolling.UntilAnswered(async () =>
        {
            var view = await engine.GetFromJsonAsync<JsonElement>("/jobs/nvda_ticks", timeout.Token);
            return view.GetProperty("recordsIn").GetInt64() > 0 && view.GetProperty("recordsOut").GetInt64() > 0
                ? view.GetProperty("state").GetString()
                : null;
        }, "the posted job to consume the feed and produce", DataTimeout, TimeSpan.FromMilliseconds(500), timeout.Token);
        Assert.Equal("running", state);

        // One record's trace crosses the three services: feed send → engine process (child) → engine send
        // → monitor process (child).
        await receiver.WaitUntilAsync(r => WholeTraces(r).Any(), "a trace from trading-feed through velostream-engine to alert-monitor", DataTimeout);
        Assert.Contains(receiver.Spans, s => s.ServiceName == "velostream-engine" && s.Name == "process market_data");
    }

    /// <summary>Traces in which the monitor's consumer span descends from the engine's, which descends from the feed's send.</summary>
    private static IEnumerable<string> WholeTraces(OtlpReceiver receiver)
    {
        var spans = receiver.Spans.ToList();
        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        foreach (var monitor in spans.Where(s => s.ServiceName == "alert-monitor" && s.Kind == Otlp.Proto.Span.Types.SpanKind.Consumer))
        {
            var services = new List<string>();
            for (var span = monitor; span is not null; span = byId.GetValueOrDefault(span.ParentSpanId))
            {
                if (services.Count == 0 || services[^1] != span.ServiceName)
                {
                    services.Add(span.ServiceName);
                }
                if (span.ParentSpanId.Trim('0').Length == 0)
                {
                    break;
                }
            }
            if (services.SequenceEqual(["alert-monitor", "velostream-engine", "trading-feed"]))
            {
                yield return monitor.TraceId;
            }
        }
    }
}
