using System.Diagnostics;
using System.Globalization;
using System.Text;
using Velostream.Benchmarks.Harness;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Operators;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Sql;
using Velostream.Engine.Telemetry;

namespace Velostream.Benchmarks.Tracing;

/// <summary>
/// The per-record cost of the telemetry observer without a broker: S1's executor over batches already in
/// memory, writing to a sink that starts the <c>send</c> span as the Kafka sink does, with no observer and
/// with the telemetry observer under each tracing mode. Reports CPU time of the measuring thread and bytes
/// allocated per input record, which (unlike wall clock through a broker) stay put on a busy machine, so
/// small costs show up and can be attributed.
/// </summary>
internal static class ObserverCostBenchmark
{
    private const int BatchSize = 4096;

    public static int Run(string[] args, TextWriter output)
    {
        if (TracingArguments.TryParse(args, "tracing-observer", output, new TracingOptions(200_000, 5, 1, TracedInput: false)) is not { } options)
        {
            return 2;
        }
        var receiver = CountingOtlpReceiver.StartAsync().GetAwaiter().GetResult();
        try
        {
            return Run(options, receiver, output);
        }
        finally
        {
            receiver.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static int Run(TracingOptions options, CountingOtlpReceiver receiver, TextWriter output)
    {
        var records = options.Records;
        // Modes run interleaved, each round in every mode, and the median per mode is reported. With traced
        // input each mode gets input whose contexts were sampled at the mode's ratio by the producer.
        var modes = new[] { (Name: "no observer", Mode: (TracingMode?)null) }
            .Concat(TracingMode.All.Where(m => m.ReachableEndpoint).Select(m => (m.Name, Mode: (TracingMode?)m)))
            .Select(m => (m.Name, m.Mode, Input: Input(records, options.TracedInput ? m.Mode?.SamplingRatio ?? 0 : null)))
            .ToList();
        var cpu = modes.ToDictionary(m => m.Name, _ => new List<double>());
        var allocated = modes.ToDictionary(m => m.Name, _ => new List<double>());
        for (var round = 0; round < options.WarmupRounds + options.Rounds; round++)
        {
            foreach (var (name, mode, input) in modes)
            {
                var (nanos, bytes) = Measure(mode, receiver, input, records);
                // Warm-up rounds (the JIT, the pools) are not reported.
                if (round >= options.WarmupRounds)
                {
                    cpu[name].Add(nanos);
                    allocated[name].Add(bytes);
                }
            }
        }

        var inputKind = options.TracedInput ? "input with the producer's trace context" : "input without trace context";
        output.WriteLine($"Telemetry observer cost per input record, S1 in memory, {inputKind}, {records:N0} records, median of {options.Rounds} rounds");
        output.WriteLine();
        output.WriteLine("| Mode | Thread CPU ns/record | vs no observer | Bytes allocated/record |");
        output.WriteLine("|---|---:|---:|---:|");
        var baseline = Statistics.Median(cpu["no observer"]);
        foreach (var (name, _, _) in modes)
        {
            var median = Statistics.Median(cpu[name]);
            output.WriteLine($"| {name} | {median:N0} | {Statistics.Change(median / baseline)} | {Statistics.Median(allocated[name]):N0} |");
        }
        return 0;
    }

    private static (double NanosPerRecord, double BytesPerRecord) Measure(TracingMode? mode, CountingOtlpReceiver receiver, List<SourceBatch> batches, int records)
    {
        var telemetry = VelostreamTelemetry.Default;
        var host = mode is { RunsHost: true } ? TracingOverheadBenchmark.StartTelemetry(mode, receiver, warnings: null) : null;
        try
        {
            var sink = new SendSpanSink(telemetry.Tracer);
            var observer = mode is null ? null : new TelemetryJobObserver(telemetry);
            var executor = TracingOverheadBenchmark.CompileS1("alerts", new OutputTarget(sink, PayloadFormat.Json), observer);
            GC.Collect();
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = ThreadCpuClock.Now();
            foreach (var batch in batches)
            {
                executor.Process(0, batch);
            }
            var cpuSeconds = ThreadCpuClock.Now() - cpuBefore;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            return (cpuSeconds * 1e9 / records, (double)bytes / records);
        }
        finally
        {
            host?.StopAsync().GetAwaiter().GetResult();
            host?.Dispose();
        }
    }

    /// <summary>
    /// S1's input as the Kafka source hands it over: no key, spread over partitions, and either no trace
    /// context or, when <paramref name="tracedAt"/> is given, a producer's context sampled at that ratio.
    /// </summary>
    private static List<SourceBatch> Input(int records, double? tracedAt)
    {
        var random = new Random(7);
        var batches = new List<SourceBatch>();
        for (var i = 0; i < records; i++)
        {
            if (i % BatchSize == 0)
            {
                batches.Add(new SourceBatch(BatchSize));
            }
            ref var record = ref batches[^1].Add();
            record.Value = TracingArguments.MarketData(i, random);
            record.Topic = "market_data";
            record.Partition = i % 10;
            record.Offset = i / 10;
            record.TimestampMs = 1_767_600_000_000L + i;
            if (tracedAt is { } ratio)
            {
                record.Headers = TracingArguments.ProducerContext(random, ratio);
            }
        }
        return batches;
    }

    /// <summary>Does what the Kafka sink does for tracing (a <c>send</c> span per message), then drops the message.</summary>
    private sealed class SendSpanSink(RecordTracer tracer) : IRecordSink
    {
        public string Name => "alerts";

        public long Records { get; private set; }

        public void Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, RecordHeaders? headers, long timestampMs)
        {
            using var send = tracer.StartSend(Name, key, ref headers);
            Records++;
        }

        public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
