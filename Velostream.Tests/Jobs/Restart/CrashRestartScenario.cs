using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Sql;
using Velostream.Engine.Telemetry;
using Velostream.Tests.Connectors.Kafka;
using Velostream.Tests.Support;

namespace Velostream.Tests.Jobs.Restart;

/// <summary>One input record of a scenario: its source, message key, JSON value, event time and, when set, the partition it is written to.</summary>
internal readonly record struct InputRecord(string Source, string Key, string Json, long TimestampMs, int? Partition = null);

/// <summary>An input record as its topic holds it.</summary>
internal sealed record HeldRecord(InputRecord Record, int Partition, long Offset);

/// <summary>An output record as the scenario read it: where it was, and which engine process ran when it was read (1 for the first).</summary>
internal readonly record struct OutputRead(string Key, string Value, int Partition, long Offset, int Run)
{
    public override string ToString() => $"run {Run} [{Partition}]@{Offset} {Value}";
}

/// <summary>
/// Runs a query as an engine process over an embedded broker while its input is being produced,
/// kills the process with SIGKILL at seeded random points, restarts it each time, and once all the
/// input is in lets a last process finish. Its outputs, read from the output topic, are then
/// compared with one uninterrupted in-process run over the same input.
/// </summary>
internal sealed class CrashRestartScenario : IDisposable
{
    public const string Output = "out";
    public const int Partitions = 4;

    private readonly EmbeddedKafkaCluster _cluster = EmbeddedKafkaCluster.Start(1);
    private readonly TempFolder _folder = new();
    private readonly string _query;
    private readonly string[] _sources;

    /// <param name="query">The SELECT (its sources named as in <paramref name="sources"/>, its output <see cref="Output"/>).</param>
    public CrashRestartScenario(string query, params string[] sources)
    {
        _query = query;
        _sources = sources;
    }

    public List<string> Log { get; } = [];

    /// <summary>
    /// The column the input topics are keyed (so partitioned) by, declared with <c>'&lt;source&gt;.key.field'</c>:
    /// an aggregate on it then reads its input directly, without a repartition topic. Null: not declared.
    /// </summary>
    public string? KeyField { get; init; }

    /// <summary>
    /// How long each engine process lives before it is killed, in ms (drawn from the seed): at least long
    /// enough, for a scenario that needs it, that the consumer groups rebalance after the previous kill (a
    /// session timeout, 3 s) and the job makes progress before the next.
    /// </summary>
    public (int Min, int Max) LifeMs { get; init; } = (1500, 5000);

    /// <summary>The application as the engine process runs it: Kafka sources partitioned by key, a Kafka sink.</summary>
    private string KafkaApp() => $"""
        -- @app: crash
        CREATE STREAM {Output} AS
        {_query}
        WITH ({string.Join(", ", _sources.Select(s => $"'{s}.type' = 'kafka_source', '{s}.topic.name' = '{s}', '{s}.partitions' = '{Partitions}', "
            + $"'{s}.session.timeout.ms' = '3000', '{s}.heartbeat.interval.ms' = '500'" + (KeyField is null ? "" : $", '{s}.key.field' = '{KeyField}'")))},
              '{Output}.type' = 'kafka_sink', '{Output}.topic.name' = '{Output}');
        """;

    /// <summary>The same query over files, run once in process: the uninterrupted answer.</summary>
    public IReadOnlyList<string> Uninterrupted(IReadOnlyList<InputRecord> input)
    {
        var sql = $"{_query} {InProcess.Sources(_sources)}";
        var query = InProcessQuery.Create(sql);
        foreach (var record in input)
        {
            query.Push(record.Source, record.Json);
        }
        query.Finish();
        return query.Output.Lines;
    }

    private readonly List<OutputRead> _outputs = [];
    private readonly CancellationTokenSource _stopReading = new();
    private string? _app;
    private Task? _reader;
    private int _runs;

    /// <summary>Creates the topics (changelogs included, as the engine lists them), writes the application file and starts reading the output.</summary>
    public void Prepare()
    {
        var check = SqlFrontEnd.Check(KafkaApp(), "crash.sql");
        Assert.Empty(check.Diagnostics);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:kafka", _cluster.BootstrapServers)]).Build();
        foreach (var (topic, partitions) in KafkaConnectors.Topics(check.Statements, configuration, check.Application.Name))
        {
            _cluster.CreateTopic(topic, partitions);
        }
        _app = _folder.Write("crash.sql", KafkaApp());
        _reader = Task.Run(() => ReadOutputs(_outputs, _stopReading.Token), TestContext.Current.CancellationToken);
    }

    /// <summary>Every output read so far (key, value), in topic order per partition.</summary>
    public List<(string Key, string Value)> Outputs => [.. OutputsRead.Select(o => (o.Key, o.Value))];

    /// <summary>Every output read so far with where it was and when it was read, in topic order per partition.</summary>
    public List<OutputRead> OutputsRead
    {
        get
        {
            lock (_outputs)
            {
                return [.. _outputs];
            }
        }
    }

    public EngineProcess StartEngine()
    {
        Interlocked.Increment(ref _runs);
        return EngineProcess.Run(_app!, _cluster.BootstrapServers);
    }

    /// <summary>Waits until <paramref name="done"/> holds for the outputs read so far, or 120 s passed, checking that the engine still runs.</summary>
    public async Task WaitFor(EngineProcess engine, Func<List<(string Key, string Value)>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!done(Outputs) && DateTime.UtcNow < deadline)
        {
            Assert.False(engine.HasExited, $"the engine exited on its own: {engine.Errors}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Produces <paramref name="input"/> at about <paramref name="perSecond"/> records/s while engine
    /// processes are started and killed at least <paramref name="kills"/> times (seeded), then runs a last
    /// one until <paramref name="complete"/> says the output read so far is complete (or 120 s passed).
    /// Returns every output record in topic order per partition.
    /// </summary>
    public async Task<List<OutputRead>> RunWithKills(
        IReadOnlyList<InputRecord> input, int perSecond, int kills, int seed, Func<List<(string Key, string Value)>, bool> complete)
    {
        var cancel = TestContext.Current.CancellationToken;
        Prepare();
        var producing = Task.Run(() => ProduceAsync(input, perSecond), cancel);

        var random = new Random(seed);
        var killed = 0;
        while (killed < kills || !producing.IsCompleted)
        {
            using var engine = StartEngine();
            var life = random.Next(LifeMs.Min, LifeMs.Max);
            await Task.Delay(life, cancel);
            Assert.False(engine.HasExited, $"the engine exited on its own: {engine.Errors}");
            engine.Kill();
            killed++;
            Log.Add($"kill {killed} after {life} ms; {Outputs.Count} outputs so far");
            Log.AddRange(engine.Errors.Split('\n').Where(l => l.Contains("skipped", StringComparison.Ordinal)).Select(l => l.Trim()));
        }
        await producing;

        using (var last = StartEngine())
        {
            await WaitFor(last, complete);
            Log.Add($"last run: {Outputs.Count} outputs; engine errors: {last.Errors.Trim()}");
        }
        return OutputsRead;
    }

    /// <summary>
    /// The records of <paramref name="input"/> that the input topics hold, read back to their ends, each with
    /// its partition and offset, in input order. The embedded broker has been seen to hold fewer records than
    /// it acknowledged at high volume: a test then compares with the answer to what the topics hold, and the
    /// log says so, so that lost input is not taken for a loss of the engine's (or hidden as one).
    /// </summary>
    public List<HeldRecord> HeldInput(IReadOnlyList<InputRecord> input)
    {
        var positions = new Dictionary<(string Source, string Json), (int Partition, long Offset)>();
        foreach (var source in _sources)
        {
            for (var partition = 0; partition < Partitions; partition++)
            {
                foreach (var (offset, value) in KafkaTestTopics.ReadPartition(_cluster, source, partition).Records)
                {
                    positions.TryAdd((source, value!), (partition, offset));
                }
            }
        }
        var held = new List<HeldRecord>();
        foreach (var record in input)
        {
            if (positions.TryGetValue((record.Source, record.Json), out var at)) held.Add(new HeldRecord(record, at.Partition, at.Offset));
        }
        if (held.Count < input.Count)
        {
            Log.Add($"the input topics hold {held.Count} of the {input.Count} records produced: the expected answer is computed from what they hold");
        }
        return held;
    }

    /// <summary>Produces <paramref name="input"/> in order, at about <paramref name="perSecond"/> records/s, until all is acknowledged.</summary>
    public async Task ProduceAsync(IReadOnlyList<InputRecord> input, int perSecond)
    {
        var cancel = TestContext.Current.CancellationToken;
        var client = new Dictionary<string, string> { ["bootstrap.servers"] = _cluster.BootstrapServers };
        var sinks = _sources.ToDictionary(s => s, s => new KafkaSink(s, s, client, "crash-producer", VelostreamTelemetry.Default));
        try
        {
            var slice = Math.Max(1, perSecond / 10);
            for (var i = 0; i < input.Count; i++)
            {
                var record = input[i];
                if (record.Partition is { } partition)
                {
                    sinks[record.Source].WriteToPartition(partition, Encoding.UTF8.GetBytes(record.Key), Encoding.UTF8.GetBytes(record.Json), null, record.TimestampMs);
                }
                else
                {
                    sinks[record.Source].Write(Encoding.UTF8.GetBytes(record.Key), Encoding.UTF8.GetBytes(record.Json), null, record.TimestampMs);
                }
                if ((i + 1) % slice == 0)
                {
                    foreach (var sink in sinks.Values) await sink.FlushAsync(cancel);
                    await Task.Delay(100, cancel);
                }
            }
            foreach (var sink in sinks.Values) await sink.FlushAsync(cancel);
        }
        finally
        {
            foreach (var sink in sinks.Values) await sink.DisposeAsync();
        }
    }

    private async Task ReadOutputs(List<OutputRead> outputs, CancellationToken stop)
    {
        var properties = new Dictionary<string, string>(EmbeddedKafkaCluster.ConsumerDefaults)
        {
            ["bootstrap.servers"] = _cluster.BootstrapServers,
            ["group.id"] = $"crash-reader-{Guid.NewGuid():N}",
        };
        await using var source = new KafkaSource(Output, [Output], properties, "crash-reader");
        var batch = new SourceBatch();
        while (!stop.IsCancellationRequested)
        {
            await source.ReadBatchAsync(batch, 1000, CancellationToken.None);
            lock (outputs)
            {
                foreach (var record in batch.Records)
                {
                    outputs.Add(new OutputRead(
                        Encoding.UTF8.GetString(record.Key.Span), Encoding.UTF8.GetString(record.Value.Span), record.Partition, record.Offset, Volatile.Read(ref _runs)));
                }
            }
        }
    }

    /// <summary>The last value written per group, by the JSON fields that name the group (windows: with their start).</summary>
    public static Dictionary<string, string> LastPerGroup(IEnumerable<string> values, params string[] groupFields)
    {
        var last = new Dictionary<string, string>();
        foreach (var value in values)
        {
            last[Group(value, groupFields)] = value;
        }
        return last;
    }

    /// <summary>Every distinct value written per group.</summary>
    public static Dictionary<string, HashSet<string>> DistinctPerGroup(IEnumerable<string> values, params string[] groupFields)
    {
        var all = new Dictionary<string, HashSet<string>>();
        foreach (var value in values)
        {
            var group = Group(value, groupFields);
            if (!all.TryGetValue(group, out var set)) all[group] = set = [];
            set.Add(value);
        }
        return all;
    }

    public static string Group(string json, string[] fields)
    {
        using var document = JsonDocument.Parse(json);
        return string.Join("|", fields.Select(f => document.RootElement.GetProperty(f).ToString()));
    }

    public void Dispose()
    {
        _stopReading.Cancel();
        _reader?.Wait(TimeSpan.FromSeconds(10));
        _stopReading.Dispose();
        _cluster.Dispose();
        _folder.Dispose();
    }
}
