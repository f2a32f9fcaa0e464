using System.Globalization;
using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql;
using Velostream.Engine.Telemetry;
using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Runtime;

/// <summary>
/// A job on two threads (the file read and decoded on a thread of its own, the sink written on another)
/// must produce exactly what it produces on one: the same output bytes, the same dead letters, the same counts.
/// </summary>
public sealed class ReadAheadSourceTests
{
    private const string Filter = """
        -- @name: filtered
        CREATE STREAM filtered AS SELECT symbol, price * 2 AS doubled, volume FROM trades WHERE price > 100
        WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.jsonl',
              'filtered.type' = 'file_sink', 'filtered.path' = 'out.jsonl',
              'failure.strategy' = 'dead_letter', 'filtered.dlq.path' = 'dlq.jsonl')
        """;

    private const string Windowed = """
        -- @name: bars
        CREATE STREAM bars AS
        SELECT symbol, _window_start AS window_start, COUNT(*) AS n, SUM(volume) AS volume,
               MIN(price) AS low, MAX(price) AS high, FIRST_VALUE(price) AS open, LAST_VALUE(price) AS close
        FROM trades GROUP BY symbol WINDOW TUMBLING(ts, INTERVAL '1' SECOND) EMIT FINAL
        WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.jsonl',
              'bars.type' = 'file_sink', 'bars.path' = 'out.jsonl',
              'watermark.max_out_of_orderness' = '200ms',
              'failure.strategy' = 'dead_letter', 'late.data.strategy' = 'dead_letter', 'bars.dlq.path' = 'dlq.jsonl')
        """;

    [Theory]
    [InlineData(Filter, 1)]
    [InlineData(Filter, 2)]
    [InlineData(Windowed, 3)]
    [InlineData(Windowed, 4)]
    public async Task Two_threads_write_the_same_bytes_and_dead_letters_as_one(string sql, int seed)
    {
        var data = Trades(seed, 30_000, out var broken);
        var one = await Run(sql, data, threads: 1);
        var two = await Run(sql, data, threads: 2);

        Assert.Equal(JobState.Completed, one.State);
        Assert.Equal(JobState.Completed, two.State);
        Assert.True(one.Output.Length > 64 * 1024, "the output spans several sink buffers");
        Assert.Equal(one.Output, two.Output);
        Assert.Equal(one.DeadLetters, two.DeadLetters);
        Assert.Equal(one.Summary, two.Summary);
        Assert.True(one.DeadLetters.Count(b => b == '\n') >= broken, "every line that is not JSON is dead-lettered");
    }

    [Fact]
    public async Task A_limit_stops_the_read_ahead_and_the_job_completes()
    {
        var data = Trades(5, 20_000, out _);
        var sql = """
            CREATE STREAM firsts AS SELECT symbol, price FROM trades WHERE price > 100 LIMIT 10
            WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.jsonl', 'firsts.type' = 'file_sink', 'firsts.path' = 'out.jsonl')
            """;
        var one = await Run(sql, data, threads: 1);
        var two = await Run(sql, data, threads: 2);
        Assert.Equal(JobState.Completed, two.State);
        Assert.Equal(10, two.Output.Count(b => b == '\n'));
        Assert.Equal(one.Output, two.Output);
    }

    private sealed record Result(JobState State, byte[] Output, byte[] DeadLetters, string Summary);

    private static async Task<Result> Run(string sql, string data, int threads)
    {
        using var dir = new TempFolder();
        dir.Write("trades.jsonl", data);
        var path = dir.Write("app.sql", sql);
        var check = SqlFrontEnd.Check(sql, path);
        Assert.True(check.Succeeded, string.Join("\n", check.Diagnostics));
        // Small batches: many batches in flight across the file source's chunk refills.
        var options = new JobOptions { BaseDirectory = dir.Path, Log = TextWriter.Null, BatchSize = 97, Threads = threads };
        var runner = new JobRunner(check.Statements[0], ConnectorRegistry.CreateDefault(VelostreamTelemetry.Default), options, "job");
        var state = await runner.RunAsync(CancellationToken.None);
        var deadLetters = System.IO.File.Exists(dir.File("dlq.jsonl")) ? System.IO.File.ReadAllBytes(dir.File("dlq.jsonl")) : [];
        return new Result(state, System.IO.File.ReadAllBytes(dir.File("out.jsonl")), deadLetters, runner.Stats.Summary("job"));
    }

    /// <summary>
    /// Seeded trades, about 1 line in 50 malformed (broken JSON, a number out of range, a missing or
    /// non-numeric event time, text after the object), event time going backwards now and then (late records).
    /// <paramref name="broken"/>: the lines no query can decode.
    /// </summary>
    private static string Trades(int seed, int count, out int broken)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        var ts = 1_767_605_400_000L;
        broken = 0;
        for (var i = 0; i < count; i++)
        {
            ts += random.Next(0, 40);
            var symbol = "S" + random.Next(0, 40).ToString(CultureInfo.InvariantCulture) + (random.Next(0, 100) == 0 ? "\\\"q" : "");
            var price = (random.Next(1000, 30000) / 100m).ToString(CultureInfo.InvariantCulture);
            var eventTime = random.Next(0, 200) == 0 ? ts - 5000 : ts;
            var line = $"{{\"symbol\":\"{symbol}\",\"price\":{price},\"volume\":{random.Next(1, 5000)},\"ts\":{eventTime}}}";
            if (random.Next(0, 50) == 0)
            {
                var kind = random.Next(0, 5);
                broken += kind == 2 ? 0 : 1;
                line = kind switch
                {
                    0 => line[..(line.Length / 2)],
                    1 => line.Replace(price, "1e999999"),
                    2 => line.Replace($"\"ts\":{eventTime}", "\"ts\":\"soon\""),
                    3 => line + " trailing",
                    _ => "{\"symbol\":",
                };
            }
            text.Append(line).Append('\n');
            if (random.Next(0, 500) == 0)
            {
                text.Append('\n');
            }
        }
        return text.ToString();
    }
}
