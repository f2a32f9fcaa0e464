using OpenTelemetry;
using OpenTelemetry.Metrics;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.File;
using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Configuration;
using Velostream.Engine.Telemetry;
using Velostream.Tests.Support;

namespace Velostream.Tests.Telemetry;

/// <summary>
/// The state gauges (<c>velostream.window.keys</c>, <c>velostream.window.open</c>,
/// <c>velostream.join.buffered_rows</c>) as a metric reader collects them from a running job: the job's
/// thread measures its state once per batch, the reader reads it on the test's thread.
/// </summary>
public sealed class JobStateMetricsTests : IDisposable
{
    private readonly string _meterName = $"Velostream.Test.State.{Guid.NewGuid():N}";
    private readonly VelostreamTelemetry _telemetry;
    private readonly MeterProvider _provider;
    private readonly List<MetricSnapshot> _exported = [];

    public JobStateMetricsTests()
    {
        _telemetry = new VelostreamTelemetry(_meterName, _meterName);
        _provider = Sdk.CreateMeterProviderBuilder().AddMeter(_meterName).AddInMemoryExporter(_exported).Build()!;
    }

    public void Dispose()
    {
        _provider.Dispose();
        _telemetry.Dispose();
    }

    private const string SymbolCounts = """
        CREATE STREAM symbol_counts AS
        SELECT symbol, COUNT(*) AS n FROM market_data GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL
        WITH ('market_data.type' = 'file_source', 'market_data.path' = 'market_data.jsonl',
              'symbol_counts.type' = 'file_sink', 'symbol_counts.path' = 'symbol_counts.jsonl')
        """;

    private static string Trade(string symbol, long ts) => $$"""{"symbol":"{{symbol}}","price":1,"ts":{{ts}}}""";

    [Fact]
    public async Task A_running_window_job_reports_its_keys_and_open_windows_and_stops_reporting_when_it_ends()
    {
        using var dir = new TempFolder();
        var source = new GatedSource("market_data");
        var registry = new ConnectorRegistry();
        FileConnectors.Register(registry);
        registry.AddSource(ConnectorCatalog.FileSource, _ => source);
        var check = SqlFrontEnd.Check(SymbolCounts, dir.File("app.sql"));
        Assert.True(check.Succeeded, string.Join("\n", check.Diagnostics));
        var options = new JobOptions { BaseDirectory = dir.Path, Log = TextWriter.Null, Observer = new TelemetryJobObserver(_telemetry) };
        var runner = new JobRunner(check.Statements[0], registry, options, "symbol_counts");
        var run = Task.Run(() => runner.RunAsync(CancellationToken.None));

        await source.NextReadAsync();
        Assert.Empty(Collect());

        // Six trades of three symbols, all in the window [1 s, 2 s).
        source.Send(Trade("AAPL", 1000), Trade("MSFT", 1100), Trade("AAPL", 1200), Trade("GOOG", 1300), Trade("MSFT", 1400), Trade("AAPL", 1900));
        await source.NextReadAsync();
        Assert.Equal(
            ["velostream.window.keys{symbol_counts} = 3", "velostream.window.open{symbol_counts} = 1"],
            Collect());

        // 2.5 s passes the first window's end: it closes, and [2 s, 3 s) holds two symbols.
        source.Send(Trade("AAPL", 2500), Trade("MSFT", 2600));
        await source.NextReadAsync();
        Assert.Equal(
            ["velostream.window.keys{symbol_counts} = 2", "velostream.window.open{symbol_counts} = 1"],
            Collect());

        source.End();
        Assert.Equal(JobState.Completed, await run);
        Assert.Equal(5, dir.Read("symbol_counts.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Empty(Collect());
    }

    [Fact]
    public void Windows_closed_by_the_end_of_input_report_zero_until_the_job_stops()
    {
        var observer = new TelemetryJobObserver(_telemetry);
        var query = InProcessQuery.Create(SymbolCounts, new JobOptions { Observer = observer, Log = TextWriter.Null });
        observer.JobStarted(query.Executor.Job);
        query.Push("market_data", Trade("AAPL", 1000), Trade("MSFT", 1500), Trade("GOOG", 1900));
        Assert.Equal(
            ["velostream.window.keys{symbol_counts} = 3", "velostream.window.open{symbol_counts} = 1"],
            Collect());

        query.Finish();
        Assert.Equal(
            ["velostream.window.keys{symbol_counts} = 0", "velostream.window.open{symbol_counts} = 0"],
            Collect());

        observer.JobStopped(query.Executor.Job, query.Stats);
        Assert.Empty(Collect());
    }

    [Fact]
    public void An_interval_join_reports_its_buffered_rows_and_no_window_state()
    {
        var observer = new TelemetryJobObserver(_telemetry);
        var query = InProcessQuery.Create("""
            CREATE STREAM matched AS
            SELECT a.symbol, a.price AS price_a, b.price AS price_b
            FROM market_a a JOIN market_b b
              ON a.symbol = b.symbol AND b.ts BETWEEN a.ts - INTERVAL '1' SECOND AND a.ts + INTERVAL '1' SECOND
            """ + " " + InProcess.Sources("market_a", "market_b", "matched").Replace("'matched.type' = 'file_source'", "'matched.type' = 'file_sink'"),
            new JobOptions { Observer = observer, Log = TextWriter.Null });
        observer.JobStarted(query.Executor.Job);
        query.Push("market_a", Trade("AAPL", 1000), Trade("MSFT", 1100));
        query.Push("market_b", Trade("AAPL", 1200));
        Assert.Equal(["velostream.join.buffered_rows{matched} = 3"], Collect());

        // 5 s on both sides: every earlier row is past its time bound and dropped.
        query.Push("market_a", Trade("AAPL", 5000));
        query.Push("market_b", Trade("GOOG", 5000));
        Assert.Equal(["velostream.join.buffered_rows{matched} = 2"], Collect());
    }

    /// <summary>Collects now and returns each state gauge's data points as <c>name{job} = value</c>.</summary>
    private List<string> Collect()
    {
        _exported.Clear();
        Assert.True(_provider.ForceFlush());
        var points = new List<string>();
        foreach (var metric in _exported.Where(m => m.Name is VelostreamMetrics.WindowKeysName or VelostreamMetrics.OpenWindowsName or VelostreamMetrics.BufferedJoinRowsName))
        {
            foreach (var point in metric.MetricPoints)
            {
                var tags = new List<KeyValuePair<string, object?>>();
                foreach (var tag in point.Tags)
                {
                    tags.Add(tag);
                }
                var job = Assert.Single(tags, t => t.Key == VelostreamMetrics.JobAttribute).Value;
                Assert.Single(tags);
                points.Add($"{metric.Name}{{{job}}} = {point.GetGaugeLastValueLong()}");
            }
        }
        points.Sort(StringComparer.Ordinal);
        return points;
    }
}
