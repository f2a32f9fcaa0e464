using Confluent.Kafka;
using Velostream.Engine.Execution.State;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Restores stores: reads one changelog partition from its start to its end (its high watermark when
/// reading starts) with an assigned consumer outside any group. A changelog topic is created the first
/// time it is read, compacted and with as many partitions as the job's input, when the cluster does
/// not have it yet (a broker that cannot create topics is told to, with the settings to use).
/// </summary>
internal sealed class KafkaChangelogReader : IChangelogReader, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyDictionary<string, string> _connection;
    private readonly IReadOnlyList<string> _inputTopics;
    private readonly TextWriter _log;
    private readonly HashSet<string> _checked = [];
    private IConsumer<byte[]?, byte[]>? _consumer;

    public KafkaChangelogReader(IReadOnlyDictionary<string, string> connection, IReadOnlyList<string> inputTopics, TextWriter log)
    {
        _connection = connection;
        _inputTopics = inputTopics;
        _log = log;
    }

    public IEnumerable<(byte[] Key, byte[]? Value)> ReadToEnd(string topic, int partition)
    {
        if (_checked.Add(topic)) EnsureTopic(topic);
        var consumer = _consumer ??= KafkaClients.CreateConsumer(new Dictionary<string, string>(_connection)
        {
            ["enable.partition.eof"] = "true",
            // Required by the client; never joined: partitions are assigned, offsets never committed.
            ["group.id"] = "velostream-changelog-restore",
            ["fetch.wait.max.ms"] = "10",
        }, "velostream-changelog-restore");
        var tp = new TopicPartition(topic, new Partition(partition));
        WatermarkOffsets marks;
        try
        {
            marks = consumer.QueryWatermarkOffsets(tp, Timeout);
        }
        catch (KafkaException e) when (e.Error.Code is ErrorCode.UnknownTopicOrPart or ErrorCode.Local_UnknownTopic or ErrorCode.Local_UnknownPartition)
        {
            // Never written yet (the first write creates it where the cluster creates topics on demand).
            return [];
        }
        if (marks.High.Value <= marks.Low.Value) return [];
        if (marks.Low.Value > 0)
        {
            // A compacted changelog keeps its first offset; one that starts later lost records (the embedded
            // broker drops a partition's oldest records past 5 MiB), and with them any key last written there.
            _log.WriteLine($"warning: changelog '{topic}' [{partition}] starts at offset {marks.Low.Value}, not 0: the broker no longer holds its first records, so state last written by them is not restored (the embedded broker keeps at most 5 MiB per partition; use a Kafka cluster for state that must survive)");
        }
        var records = new List<(byte[], byte[]?)>();
        consumer.Assign(new TopicPartitionOffset(tp, marks.Low));
        try
        {
            var deadline = DateTime.UtcNow + Timeout;
            while (true)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result is not null && !result.IsPartitionEOF)
                {
                    records.Add((result.Message.Key ?? [], result.Message.Value));
                    if (result.Offset.Value >= marks.High.Value - 1) break;
                    deadline = DateTime.UtcNow + Timeout;
                }
                else if (result?.IsPartitionEOF == true && result.Offset.Value >= marks.High.Value)
                {
                    break;
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new ConnectorException($"restoring state from '{topic}' [{partition}]: nothing read for {Timeout.TotalSeconds:0} s before offset {marks.High.Value}");
                }
            }
        }
        finally
        {
            consumer.Unassign();
        }
        return records;
    }

    private void EnsureTopic(string topic)
    {
        KafkaNativeLibrary.EnsureLoaded();
        using var admin = new AdminClientBuilder(_connection).Build();
        string? problem;
        try
        {
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(5));
            if (metadata.Topics.Any(t => t.Topic == topic && t.Error.Code == ErrorCode.NoError)) return;
            var partitions = metadata.Topics.Where(t => _inputTopics.Contains(t.Topic)).Select(t => t.Partitions.Count).DefaultIfEmpty(1).Max();
            problem = KafkaClients.CreateCompactedTopic(admin, topic, partitions, TimeSpan.FromSeconds(5));
        }
        catch (KafkaException e)
        {
            problem = e.Message;
        }
        if (problem is not null)
        {
            _log.WriteLine($"changelog topic '{topic}' could not be created ({problem}); create it with cleanup.policy=compact and the input's partition count");
        }
    }

    public void Dispose() => _consumer?.Dispose();
}
