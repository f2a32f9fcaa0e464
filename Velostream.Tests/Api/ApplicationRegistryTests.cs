using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Velostream.Engine.Api;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Telemetry;
using Velostream.Tests.Support;

namespace Velostream.Tests.Api;

/// <summary>
/// Applications deployed over the API survive a restart: a second server against the same broker
/// (embedded in the test, external to both servers) finds them in the compacted registry topic and
/// runs them again; a deleted job stays deleted.
/// </summary>
public sealed class ApplicationRegistryTests
{
    private const string Key = "k";

    private static string Copy(string job, string input) => $"""
        -- @app: {job}_app
        -- @name: {job}
        CREATE STREAM {job} AS SELECT i FROM src
        WITH ('src.type' = 'kafka_source', 'src.topic.name' = '{input}', 'src.session.timeout.ms' = '1000',
              '{job}.type' = 'kafka_sink', '{job}.topic.name' = '{job}_out');
        """;

    private static async Task<(WebApplication App, HttpClient Http)> StartAsync(EmbeddedKafkaCluster cluster, TempFolder root)
    {
        var app = JobServer.Build(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:kafka={cluster.BootstrapServers}", $"--Velostream:ApiKey={Key}",
             $"--Velostream:DataRoot={root.Path}", "--Logging:LogLevel:Default=Warning"], [], embeddedKafka: false);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return (app, http);
    }

    private static async Task StopAsync(WebApplication app, HttpClient http)
    {
        http.Dispose();
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private static async Task ProduceAsync(EmbeddedKafkaCluster cluster, string topic, int count)
    {
        await using var sink = new KafkaSink(topic, topic, new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers }, "test", VelostreamTelemetry.Default);
        for (var i = 0; i < count; i++)
        {
            sink.Write([], Encoding.UTF8.GetBytes($$"""{"i":{{i}}}"""), null, -1);
        }
        await sink.FlushAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_restarted_server_lists_and_runs_the_jobs_deployed_before_and_not_the_deleted_ones()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var cluster = EmbeddedKafkaCluster.Start();
        using var root = new TempFolder();
        foreach (var topic in new[] { "in_a", "in_b", "kept_out", "dropped_out" })
        {
            cluster.CreateTopic(topic);
        }

        var (first, http) = await StartAsync(cluster, root);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/jobs?name=kept.sql", new StringContent(Copy("kept", "in_a"), Encoding.UTF8, "text/plain"), cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/jobs?name=dropped.sql", new StringContent(Copy("dropped", "in_b"), Encoding.UTF8, "text/plain"), cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/jobs/dropped", cancel)).StatusCode);
        await StopAsync(first, http);

        var (second, again) = await StartAsync(cluster, root);
        try
        {
            var jobs = await again.GetFromJsonAsync<JsonElement>("/jobs", cancel);
            Assert.Equal(["kept"], jobs.EnumerateArray().Select(j => j.GetProperty("name").GetString()));
            Assert.Equal("kept_app", jobs[0].GetProperty("application").GetString());

            await ProduceAsync(cluster, "in_a", 3);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            JsonElement job;
            do
            {
                await Task.Delay(100, cancel);
                job = await again.GetFromJsonAsync<JsonElement>("/jobs/kept", cancel);
            }
            while (job.GetProperty("recordsOut").GetInt64() < 3 && DateTime.UtcNow < deadline);
            Assert.Equal(("running", 3L), (job.GetProperty("state").GetString(), job.GetProperty("recordsOut").GetInt64()));
        }
        finally
        {
            await StopAsync(second, again);
        }
    }
}
