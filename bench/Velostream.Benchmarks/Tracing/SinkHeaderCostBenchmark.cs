using Velostream.Benchmarks.Harness;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Telemetry;

namespace Velostream.Benchmarks.Tracing;

/// <summary>
/// What one <c>traceparent</c> header adds to a message the Kafka sink writes, on the writing thread: the
/// same 60-byte value written with no headers and with one shared header list (as a batch's unsampled
/// outputs carry), tracing off, through the embedded broker. Reports the thread's CPU time and bytes
/// allocated per write; the broker and the client's own threads are not counted.
/// </summary>
internal static class SinkHeaderCostBenchmark
{
    public static int Run(string[] args, TextWriter output)
    {
        if (TracingArguments.TryParse(args, "sink-header", output, new TracingOptions(100_000, 7, 1, TracedInput: false)) is not { } options)
        {
            return 2;
        }
        using var cluster = EmbeddedKafkaCluster.Start();
        using var untraced = new VelostreamTelemetry("Velostream.Benchmarks.Untraced", "Velostream.Benchmarks.Untraced");
        var value = new byte[60];
        var header = new RecordHeaders { new(TraceContextHeaders.TraceParent, TraceContextHeaders.TraceParentBytes(RecordTracer.NewUnsampledContext())) };
        var results = new Dictionary<bool, List<(double Nanos, double Bytes)>> { [false] = [], [true] = [] };
        for (var round = 0; round < options.WarmupRounds + options.Rounds; round++)
        {
            foreach (var withHeader in new[] { false, true })
            {
                var topic = $"sink_{round}_{(withHeader ? "header" : "none")}";
                cluster.CreateTopic(topic, partitions: Math.Max(1, options.Records / 10_000));
                var sink = new KafkaSink(topic, topic, new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers }, "bench", untraced);
                GC.Collect();
                var cpuBefore = ThreadCpuClock.Now();
                var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < options.Records; i++)
                {
                    sink.Write([], value, withHeader ? header : null, -1);
                }
                var cpu = ThreadCpuClock.Now() - cpuBefore;
                var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
                sink.FlushAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
                sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
                if (round >= options.WarmupRounds)
                {
                    results[withHeader].Add((cpu * 1e9 / options.Records, (double)bytes / options.Records));
                }
            }
        }

        output.WriteLine($"Kafka sink write cost, {options.Records:N0} writes of 60 bytes, median of {options.Rounds} rounds");
        output.WriteLine();
        output.WriteLine("| Headers | Writing thread CPU ns/write | Bytes allocated/write |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (withHeader, runs) in results)
        {
            output.WriteLine($"| {(withHeader ? "one shared traceparent" : "none")} | {Statistics.Median(runs.Select(r => r.Nanos)):N0} | {Statistics.Median(runs.Select(r => r.Bytes)):N0} |");
        }
        return 0;
    }
}
