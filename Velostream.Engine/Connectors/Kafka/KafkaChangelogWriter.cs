using Velostream.Engine.Execution.State;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Writes a job's changelog records when the job has no producer of its own (a Kafka job writing to a
/// file): an idempotent, acks=all producer, to the partition each record names; <see cref="FlushAsync"/>
/// completes once the broker acknowledged all of them. A job with a Kafka sink writes its changelogs
/// through its shared producer instead (and so into its transaction, with exactly-once).
/// </summary>
internal sealed class KafkaChangelogWriter : IChangelogWriter, IAsyncDisposable
{
    private readonly JobProducer _producer;

    private KafkaChangelogWriter(JobProducer producer) => _producer = producer;

    /// <param name="connection">How to reach the cluster (<see cref="KafkaSource.ConnectionProperties"/> of the job's source).</param>
    public static KafkaChangelogWriter Create(IReadOnlyDictionary<string, string> connection, string job) =>
        new(new JobProducer(connection, $"velostream-{job}-changelog"));

    public void Write(string topic, int partition, byte[] key, byte[]? value) => _producer.Write(topic, partition, key, value);

    /// <summary>Waits for every record written so far to be acknowledged; throws when the broker refused one.</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken) => _producer.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _producer.DisposeAsync();
}
