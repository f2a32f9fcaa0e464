using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.File;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Configuration;
using Velostream.Tests.Support;

namespace Velostream.Tests.Jobs;

public sealed class JobThreadTests
{
    /// <summary>
    /// Reads as the Kafka source does: synchronously, blocking its thread while it waits for records (here
    /// until the test releases it), and notes which kind of thread it ran on.
    /// </summary>
    private sealed class BlockingSource(string name, ManualResetEventSlim release) : IRecordSource
    {
        private int _reads;

        public string Name => name;

        public bool IsBounded => true;

        public PayloadFormat Format => PayloadFormat.Json;

        public IReadOnlyList<string>? ColumnNames => null;

        public bool? ReadOnThreadPool { get; private set; }

        public ManualResetEventSlim Reading { get; } = new();

        public ValueTask<bool> ReadBatchAsync(SourceBatch batch, int maxRecords, CancellationToken cancellationToken)
        {
            batch.Clear();
            ReadOnThreadPool ??= Thread.CurrentThread.IsThreadPoolThread;
            Reading.Set();
            release.Wait(cancellationToken);
            if (Interlocked.Increment(ref _reads) > 1)
            {
                return ValueTask.FromResult(false);
            }
            ref var record = ref batch.Add();
            record.Value = Encoding.UTF8.GetBytes("""{"symbol":"AAPL","price":250}""");
            record.Topic = name;
            record.TimestampMs = -1;
            return ValueTask.FromResult(true);
        }

        public ValueTask CommitAsync(IReadOnlyDictionary<int, long>? heldFrom, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class CountingSink : IRecordSink
    {
        public int Written { get; private set; }

        public string Name => "alerts";

        public void Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, RecordHeaders? headers, long timestampMs) => Written++;

        public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Started_jobs_block_threads_of_their_own_and_leave_the_thread_pool_free()
    {
        using var dir = new TempFolder();
        using var release = new ManualResetEventSlim();
        var sources = new List<BlockingSource>();
        var registry = new ConnectorRegistry();
        FileConnectors.Register(registry);
        registry.AddSource(ConnectorCatalog.FileSource, _ =>
        {
            var source = new BlockingSource("market_data", release);
            lock (sources)
            {
                sources.Add(source);
            }
            return source;
        });
        var sinks = new List<CountingSink>();
        registry.AddSink(ConnectorCatalog.FileSink, _ =>
        {
            var sink = new CountingSink();
            lock (sinks)
            {
                sinks.Add(sink);
            }
            return sink;
        });
        var check = SqlFrontEnd.Check("""
            CREATE STREAM alerts AS SELECT symbol FROM market_data WHERE price > 200
            WITH ('market_data.type' = 'file_source', 'market_data.path' = 'in.jsonl',
                  'alerts.type' = 'file_sink', 'alerts.path' = 'alerts.jsonl')
            """, dir.File("app.sql"));
        Assert.True(check.Succeeded, string.Join("\n", check.Diagnostics));

        // More jobs than the machine has cores, each blocked in its source.
        var jobs = Enumerable.Range(0, Environment.ProcessorCount * 4)
            .Select(i => new JobRunner(check.Statements[0], registry, new JobOptions { BaseDirectory = dir.Path, Log = TextWriter.Null }, $"alerts_{i}"))
            .Select(runner => runner.Start(CancellationToken.None))
            .ToList();
        List<BlockingSource> started;
        do
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
            lock (sources)
            {
                started = [.. sources];
            }
        }
        while (started.Count < jobs.Count);
        Assert.All(started, s => Assert.True(s.Reading.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)));

        Assert.All(started, s => Assert.False(s.ReadOnThreadPool));
        release.Set();
        Assert.All(await Task.WhenAll(jobs), state => Assert.Equal(JobState.Completed, state));
        Assert.Equal(jobs.Count, sinks.Count);
        Assert.All(sinks, sink => Assert.Equal(1, sink.Written));
    }
}
