using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Velostream.Benchmarks.Data;
using Velostream.Benchmarks.Harness;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Sql;
using Velostream.Engine.Telemetry;
using Microsoft.Extensions.Configuration;

namespace Velostream.Benchmarks.WholePath;

/// <summary>
/// The whole path over Kafka, as a user runs it: <c>Velostream.Engine run app.sql</c> as a process of its
/// own reading a topic of the embedded broker (8 partitions, keyed by symbol) and writing another. A Kafka
/// source never ends, so this process counts the output topic and stops <c>run</c> with SIGTERM once the
/// expected outputs have arrived. Timed: process start → the last expected output seen (wall), and the
/// process's CPU (user + system, all of it, the clean stop included). Start-up is timed the same way on a
/// topic of six records (process start → the first output seen) and subtracted. Each round runs, in turn,
/// the passthrough (every field read and written again: the baseline), S1 and S2, each after its start-up.
/// </summary>
/// <remarks>
/// Expected outputs: the passthrough every record the broker holds (its log can end a little short of what
/// was produced), S1 those with <c>price &gt; 200</c>, both counted on the input topic; S2 what an untimed
/// calibration run emitted until its output had not grown for 2 s (the windows the input's watermark
/// closes). Every run's final count must equal them. Every wait is bounded; every process is ended.
/// </remarks>
internal static class WholePathKafkaBenchmark
{
    private const int Partitions = 8;
    private static readonly string[] Scenarios = [WholePathQueries.Passthrough, "S1", "S2"];

    /// <summary>How long a run may take to reach its expected outputs before the benchmark gives up.</summary>
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    /// <summary>Output quiet this long: a calibration run is complete, and a finished run has no stray output.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    public static int Run(IReadOnlyList<WholePathBenchmark.Shape> shapes, int records, int rounds, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("velostream-whole-path-kafka-");
        try
        {
            using var cluster = EmbeddedKafkaCluster.Start();
            output.WriteLine($"Whole path, Kafka → Kafka (embedded broker, {Partitions} partitions): {records:N0} records, {rounds} rounds (median), engine start-up subtracted; {Environment.ProcessorCount} cores.");
            var loadBefore = BenchmarkSuite.LoadAverage();
            var runs = new Runs(cluster, folder.FullName);
            foreach (var shape in shapes)
            {
                RunShape(runs, shape, records, rounds, output);
            }
            output.WriteLine();
            output.WriteLine($"load average before: {loadBefore}, after: {BenchmarkSuite.LoadAverage()}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        return 0;
    }

    private static void RunShape(Runs runs, WholePathBenchmark.Shape shape, int records, int rounds, TextWriter output)
    {
        var symbols = SymbolUniverse.Create(seed: 7, tradedCount: 80, referenceRows: 100, unlistedShare: 0.1);
        var data = shape.Generate(symbols, records);
        var input = $"whole_path_{shape.Name}";
        var startup = $"whole_path_{shape.Name}_startup";
        runs.Cluster.CreateTopic(input, Partitions);
        runs.Cluster.CreateTopic(startup, 1);
        Produce(runs.Cluster, input, Enumerable.Range(0, data.Count).Select(data.Line), shape.TimeField);
        Produce(runs.Cluster, startup, StartupLines(data, shape.TimeField), shape.TimeField);
        var (held, over200) = CountInput(runs.Cluster, input);

        output.WriteLine();
        output.WriteLine($"Shape `{shape.Name}`: {shape.Description}; the broker holds {held:N0} of the {records:N0} records produced.");
        // Untimed calibration, once per scenario: also the warm-up (the broker's memory, the engine's files in the page cache).
        var expected = new Dictionary<string, long> { [WholePathQueries.Passthrough] = held, ["S1"] = over200 };
        foreach (var scenario in Scenarios)
        {
            var calibrated = runs.Run(scenario, shape.TimeField, input, target: null).Outputs;
            if (expected.TryGetValue(scenario, out var count) && count != calibrated)
            {
                throw new InvalidOperationException($"{scenario}: calibration run wrote {calibrated:N0} outputs, the input holds {count:N0} for it");
            }
            expected[scenario] = calibrated;
        }

        var wall = Scenarios.ToDictionary(s => s, _ => new List<double>());
        var cpu = Scenarios.ToDictionary(s => s, _ => new List<double>());
        var startupWall = Scenarios.ToDictionary(s => s, _ => new List<double>());
        var startupCpu = Scenarios.ToDictionary(s => s, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var scenario in Scenarios)
            {
                var idle = runs.Run(scenario, shape.TimeField, startup, target: 1);
                startupWall[scenario].Add(idle.Seconds);
                startupCpu[scenario].Add(idle.CpuSeconds);
                var run = runs.Run(scenario, shape.TimeField, input, target: expected[scenario]);
                wall[scenario].Add(run.Seconds);
                cpu[scenario].Add(run.CpuSeconds);
            }
        }

        // Net of the scenario's median start-up; ratios are speed ÷ the passthrough's speed, medians of the rounds' ratios.
        List<double> Net(Dictionary<string, List<double>> times, Dictionary<string, List<double>> startups, string scenario)
        {
            var startupMedian = Statistics.Median(startups[scenario]);
            return [.. times[scenario].Select(t => Math.Max(t - startupMedian, 1e-3))];
        }
        double Ratio(List<double> scenario, List<double> passthrough) => Statistics.Median(scenario.Zip(passthrough, (s, p) => p / s));
        var passWall = Net(wall, startupWall, WholePathQueries.Passthrough);
        var passCpu = Net(cpu, startupCpu, WholePathQueries.Passthrough);
        output.WriteLine();
        output.WriteLine("| Scenario | rec/s (wall) | rec/s (CPU) | ÷ passthrough, wall | ÷ passthrough, CPU | wall s | CPU s | start-up s (wall / CPU) | outputs |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in Scenarios)
        {
            var netWall = Net(wall, startupWall, scenario);
            var netCpu = Net(cpu, startupCpu, scenario);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {scenario} | {held / Statistics.Median(netWall):N0} | {held / Statistics.Median(netCpu):N0} | {Ratio(netWall, passWall):0.00} | {Ratio(netCpu, passCpu):0.00} | {Statistics.Median(wall[scenario]):0.00} | {Statistics.Median(cpu[scenario]):0.00} | {Statistics.Median(startupWall[scenario]):0.00} / {Statistics.Median(startupCpu[scenario]):0.00} | {expected[scenario]:N0} each |"));
        }
    }

    /// <summary>
    /// Six copies of a generated line with <c>price &gt; 200</c>, one second of event time apart: every
    /// scenario writes an output from them (S2 once the fifth second moves its watermark past the first window).
    /// </summary>
    private static IEnumerable<ReadOnlyMemory<byte>> StartupLines(JsonLines data, string timeField)
    {
        var line = Enumerable.Range(0, data.Count).Select(i => JsonNode.Parse(data.Line(i).Span)!.AsObject())
            .FirstOrDefault(o => o["price"]!.GetValue<decimal>() > 200)
            ?? throw new InvalidOperationException("no generated line has price > 200: the start-up input needs one");
        var start = line[timeField]!.GetValue<long>();
        for (var second = 0; second < 6; second++)
        {
            line[timeField] = start + second * 1_000L;
            yield return Encoding.UTF8.GetBytes(line.ToJsonString());
        }
    }

    /// <summary>Writes the lines keyed by their symbol, with their event time as the message timestamp.</summary>
    private static void Produce(EmbeddedKafkaCluster cluster, string topic, IEnumerable<ReadOnlyMemory<byte>> lines, string timeField)
    {
        var client = new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers };
        var sink = new KafkaSink(topic, topic, client, "whole-path-loader", VelostreamTelemetry.Default);
        try
        {
            var written = 0;
            foreach (var line in lines)
            {
                var (symbol, time) = KeyAndTime(line.Span, timeField);
                sink.Write(symbol, line.Span, null, time);
                if (++written % 10_000 == 0)
                {
                    sink.FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
                }
            }
            sink.FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static (byte[] Symbol, long Time) KeyAndTime(ReadOnlySpan<byte> line, string timeField)
    {
        var reader = new Utf8JsonReader(line);
        byte[]? symbol = null;
        long? time = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }
            var name = reader.GetString();
            reader.Read();
            if (name == "symbol")
            {
                symbol = Encoding.UTF8.GetBytes(reader.GetString()!);
            }
            else if (name == timeField)
            {
                time = reader.GetInt64();
            }
        }
        return (symbol ?? throw new InvalidOperationException("a generated line has no symbol"),
            time ?? throw new InvalidOperationException($"a generated line has no '{timeField}'"));
    }

    /// <summary>The records the broker holds (the partitions' high watermarks), and how many have <c>price &gt; 200</c>.</summary>
    private static (long Held, long Over200) CountInput(EmbeddedKafkaCluster cluster, string topic)
    {
        using var consumer = new OutputCounter(cluster, topic);
        var held = consumer.HighWatermarks();
        long over200 = 0;
        var deadline = DateTime.UtcNow + RunLimit;
        for (long read = 0; read < held;)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"reading '{topic}' back: {read:N0} of {held:N0} records within {RunLimit.TotalSeconds:0} s");
            }
            if (consumer.Next() is not { } value)
            {
                continue;
            }
            read++;
            var reader = new Utf8JsonReader(value);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("price"u8) && reader.Read())
                {
                    over200 += reader.GetDecimal() > 200m ? 1 : 0;
                    break;
                }
            }
        }
        return (held, over200);
    }

    /// <summary>Starts <c>run</c> processes on fresh applications (new consumer group, changelogs and output topic each time).</summary>
    private sealed class Runs(EmbeddedKafkaCluster cluster, string folder)
    {
        private int _count;

        public EmbeddedKafkaCluster Cluster => cluster;

        /// <summary>
        /// One <c>run</c> of <paramref name="scenario"/> over <paramref name="input"/>, stopped with SIGTERM once
        /// <paramref name="target"/> outputs have arrived (null: once its output has been quiet for 2 s); the
        /// time is to the target output (to the last output when null). Throws when the count then differs.
        /// </summary>
        public (double Seconds, double CpuSeconds, long Outputs) Run(string scenario, string timeField, string input, long? target)
        {
            var app = $"whole_path_kafka_{++_count}";
            var outputTopic = app + "_out";
            var sql = WholePathQueries.Application(scenario, app, timeField,
                $"'market_data.type' = 'kafka_source', 'market_data.topic.name' = '{input}', 'market_data.key.field' = 'symbol', "
                + $"'market_data.group.id' = '{app}', 'market_data.auto.offset.reset' = 'earliest', "
                + $"'out.type' = 'kafka_sink', 'out.topic.name' = '{outputTopic}'");
            var path = Path.Combine(folder, app + ".sql");
            File.WriteAllText(path, sql);
            CreateTopics(sql, path, app, outputTopic);

            using var counter = new OutputCounter(cluster, outputTopic);
            var cpuBefore = ChildCpuClock.Now();
            using var engine = EngineProcess.Start(path, new Dictionary<string, string> { ["ConnectionStrings__kafka"] = cluster.BootstrapServers });
            long outputs = 0;
            var reached = TimeSpan.Zero;
            var lastOutput = TimeSpan.Zero;
            while (target is { } t ? outputs < t : outputs == 0 || engine.Clock.Elapsed - lastOutput < Quiet)
            {
                if (engine.Clock.Elapsed > RunLimit || engine.HasExited)
                {
                    var why = engine.HasExited ? $"run exited ({engine.ExitCode})" : $"gave up after {RunLimit.TotalSeconds:0} s";
                    engine.Kill();
                    throw new InvalidOperationException($"{scenario} on '{input}': {why} with {outputs:N0} of {target?.ToString("N0", CultureInfo.InvariantCulture) ?? "some"} outputs: {engine.Output}");
                }
                if (counter.Next() is not null)
                {
                    outputs++;
                    lastOutput = reached = engine.Clock.Elapsed;
                }
            }
            engine.Stop(TimeSpan.FromSeconds(30));
            var cpu = ChildCpuClock.Now() - cpuBefore;
            // Nothing more may arrive: a start-up run is only timed to its first output, the others must match exactly.
            for (var quiet = System.Diagnostics.Stopwatch.StartNew(); quiet.Elapsed < (target == 1 ? TimeSpan.Zero : Quiet);)
            {
                if (counter.Next() is not null)
                {
                    outputs++;
                    quiet.Restart();
                }
            }
            if (target is { } expected && target != 1 && outputs != expected)
            {
                throw new InvalidOperationException($"{scenario} on '{input}': {outputs:N0} outputs, expected {expected:N0}");
            }
            return (reached.TotalSeconds, cpu, outputs);
        }

        /// <summary>The application's topics (changelogs included): the embedded broker has no CreateTopics API.</summary>
        private void CreateTopics(string sql, string path, string app, string outputTopic)
        {
            var check = SqlFrontEnd.Check(sql, path);
            if (!check.Succeeded)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, check.Diagnostics));
            }
            var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:kafka", cluster.BootstrapServers)]).Build();
            foreach (var topic in KafkaConnectors.Topics(check.Statements, configuration, app).Keys.Append(outputTopic))
            {
                cluster.CreateTopic(topic, Partitions);
            }
        }
    }

    /// <summary>Reads a topic from its start, every partition assigned (no group to join), one record at a time.</summary>
    private sealed class OutputCounter : IDisposable
    {
        private readonly IConsumer<Ignore, byte[]> _consumer;
        private readonly string _topic;

        public OutputCounter(EmbeddedKafkaCluster cluster, string topic)
        {
            _topic = topic;
            _consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
            {
                BootstrapServers = cluster.BootstrapServers,
                GroupId = "whole-path-counter",
                EnableAutoCommit = false,
                FetchWaitMaxMs = 5,
            }).Build();
            _consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        }

        /// <summary>The next record's value, or null after 10 ms without one.</summary>
        public byte[]? Next() => _consumer.Consume(TimeSpan.FromMilliseconds(10))?.Message.Value;

        public long HighWatermarks() =>
            Enumerable.Range(0, Partitions).Sum(p => _consumer.QueryWatermarkOffsets(new TopicPartition(_topic, p), TimeSpan.FromSeconds(10)).High.Value);

        public void Dispose()
        {
            _consumer.Close();
            _consumer.Dispose();
        }
    }
}
