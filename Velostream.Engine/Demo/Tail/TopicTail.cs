using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Demo.Tail;

/// <summary>Consumes topics and prints each record; commits what it printed.</summary>
internal sealed class TopicTail
{
    private readonly TailOptions _options;
    private readonly IReadOnlyDictionary<string, string> _consumerProperties;
    private readonly RecordTracer _tracer;

    /// <param name="telemetry">Where the tail's process spans go (<see cref="VelostreamTelemetry.Default"/> in the engine's processes).</param>
    public TopicTail(TailOptions options, string bootstrapServers, VelostreamTelemetry telemetry, IReadOnlyDictionary<string, string>? extraProperties = null)
    {
        _tracer = telemetry.Tracer;
        _options = options;
        var properties = new Dictionary<string, string>(extraProperties ?? new Dictionary<string, string>())
        {
            ["bootstrap.servers"] = bootstrapServers,
            ["group.id"] = options.Group ?? $"velostream-tail-{Guid.NewGuid():N}",
            ["auto.offset.reset"] = options.FromBeginning ? "earliest" : "latest",
        };
        _consumerProperties = properties;
    }

    public long Printed { get; private set; }

    public async Task RunAsync(RecordPrinter printer, CancellationToken cancellationToken)
    {
        await using var source = new KafkaSource("tail", _options.Topics, _consumerProperties, "velostream-tail");
        var batch = new SourceBatch(256);
        try
        {
            while (!cancellationToken.IsCancellationRequested && (_options.Count == 0 || Printed < _options.Count))
            {
                await source.ReadBatchAsync(batch, 256, cancellationToken);
                foreach (var record in batch.Records)
                {
                    if (_options.Count > 0 && Printed >= _options.Count)
                    {
                        break;
                    }
                    // The tail continues each record's trace with its own CONSUMER span.
                    using (_tracer.StartProcess(record, _consumerProperties["group.id"]))
                    {
                        printer.Print(record);
                    }
                    Printed++;
                }
                // A tail is a viewer: what it consumed counts as seen, including the rest of a batch cut
                // short by --count.
                await source.CommitAsync(null, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        await source.CommitAsync(null, CancellationToken.None);
    }
}
