using Confluent.Kafka;
using Velostream.Engine.Execution.State;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Writes a job's changelog records with an idempotent, acks=all producer of its own, to the partition
/// each record names; <see cref="FlushAsync"/> completes once the broker acknowledged all of them. The
/// job creates exactly one (<see cref="Create"/>), so the job's shared producer can take its place.
/// </summary>
internal sealed class KafkaChangelogWriter : IChangelogWriter, IAsyncDisposable
{
    // Changelog records are not traced: a source and meter of their own that no listener subscribes to.
    private static readonly VelostreamTelemetry Untraced = new("velostream.changelog", "velostream.changelog");

    private readonly KafkaSink _producer;

    private KafkaChangelogWriter(KafkaSink producer) => _producer = producer;

    /// <param name="connection">How to reach the cluster (<see cref="KafkaSource.ConnectionProperties"/> of the job's source).</param>
    public static KafkaChangelogWriter Create(IReadOnlyDictionary<string, string> connection, string job) =>
        new(new KafkaSink("changelog", $"{job} changelogs", connection, $"velostream-{job}-changelog", Untraced));

    public void Write(string topic, int partition, byte[] key, byte[]? value) =>
        _producer.Produce(new TopicPartition(topic, new Partition(partition)), new Message<byte[]?, byte[]> { Key = key, Value = value! });

    /// <summary>Waits for every record written so far to be acknowledged; throws when the broker refused one.</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken) => _producer.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _producer.DisposeAsync();
}
