using System.Collections.Concurrent;
using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;

namespace Velostream.Engine.Demo;

/// <summary>Follows the jobs' output topics and remembers the latest record of each, for the live view.</summary>
internal sealed class OutputWatcher
{
    private readonly ConcurrentDictionary<string, string> _latest = new(StringComparer.Ordinal);

    public string? Latest(string topic) => _latest.GetValueOrDefault(topic);

    public async Task RunAsync(string bootstrapServers, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = bootstrapServers,
            ["group.id"] = $"velostream-demo-view-{Guid.NewGuid():N}",
            ["auto.offset.reset"] = "latest",
        };
        await using var source = new KafkaSource("demo-view", topics, properties, "velostream-demo-view");
        var batch = new SourceBatch(512);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await source.ReadBatchAsync(batch, 512, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            foreach (var record in batch.Records)
            {
                _latest[record.Topic ?? ""] = Encoding.UTF8.GetString(record.Value.Span);
            }
        }
    }
}
