using Velostream.Engine.Cli;
using Velostream.Tests.Otlp;
using Velostream.Tests.ServiceDefaults;
using Velostream.Tests.Support;

namespace Velostream.Tests.Telemetry;

/// <summary>The <c>run</c> verb with the telemetry options, exporting to the test's OTLP receiver.</summary>
[Collection(nameof(ProcessWideTelemetry))]
public sealed class RunVerbTelemetryTests
{
    [Fact]
    public async Task Run_with_an_otlp_endpoint_exports_each_records_spans_and_the_job_metrics()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var folder = new TempFolder();
        folder.Write("ticks.jsonl", "{\"symbol\":\"AAPL\",\"price\":250}\n{\"symbol\":\"MSFT\",\"price\":150}\n{\"symbol\":\"IBM\",\"price\":300}\n");
        var app = folder.Write("app.sql", """
            -- @app: tracing_check
            CREATE STREAM expensive AS SELECT symbol, price FROM ticks WHERE price > 200
            WITH ('ticks.type' = 'file_source', 'ticks.path' = 'ticks.jsonl', 'ticks.format' = 'jsonl',
                  'expensive.type' = 'file_sink', 'expensive.path' = 'out.jsonl', 'expensive.format' = 'jsonl');
            """);

        var exit = RunCommand.Run(["--otlp-endpoint", receiver.GrpcEndpoint.ToString(), "--sampling-ratio", "1", app]);

        Assert.Equal(0, exit);
        Assert.Equal(2, folder.Read("out.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var process = receiver.Spans.Where(s => s.Name == "process ticks").ToList();
        Assert.Equal(3, process.Count);
        Assert.All(process, s => Assert.Equal("velostream-engine", s.ServiceName));
        var queries = receiver.Spans.Where(s => s.Name == "sql_query:SELECT").ToList();
        Assert.Equal(process.Select(p => p.SpanId).Order(), queries.Select(q => q.ParentSpanId).Order());
        Assert.All(queries, q => Assert.Equal("CREATE STREAM expensive AS SELECT symbol, price FROM ticks WHERE price > 200", q.Attributes["db.query.text"]));
        Assert.All(queries, q => Assert.Equal("tracing_check", q.Attributes["velostream.app.name"]));
        var consumed = Assert.Single(receiver.Metrics, m => m.Name == "velostream.records.consumed"
            && m.DataPointAttributes.Any(a => a.GetValueOrDefault("velostream.job.name") == "expensive"));
        Assert.Equal(3, consumed.Metric.Sum.DataPoints.Single(p => OtlpAttributes.ToDictionary(p.Attributes)["velostream.job.name"] == "expensive").AsInt);
        Assert.Contains(receiver.Logs, l => l.Body.StartsWith("Distributed tracing initialized for service velostream-engine", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_telemetry_option_is_invalid_input()
    {
        Assert.Equal(2, RunCommand.Run(["--sampling-ratio", "2", "app.sql"]));
    }
}
