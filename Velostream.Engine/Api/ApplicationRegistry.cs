using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Velostream.Engine.Connectors.Kafka;

namespace Velostream.Engine.Api;

/// <summary>
/// The durable record of the applications deployed over the API, kept in a compacted Kafka topic
/// (ksqlDB's command topic): one record per application, keyed by its name, holding its SQL and the
/// jobs of it that run. Every replica reads the topic to its end when it starts and redeploys what it
/// finds; deploying writes a record, deleting a job rewrites it without that job, and deleting the
/// last job writes a tombstone, so compaction keeps only what still runs.
/// </summary>
internal sealed class ApplicationRegistry : IDisposable
{
    public const string DefaultTopic = "_velostream_applications";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly string _bootstrapServers;
    private readonly ILogger _logger;
    private readonly Dictionary<string, RegisteredApplication> _applications = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private IProducer<byte[]?, byte[]>? _producer;

    public ApplicationRegistry(string bootstrapServers, string topic, ILogger logger)
    {
        _bootstrapServers = bootstrapServers;
        Topic = topic;
        _logger = logger;
    }

    public string Topic { get; }

    /// <summary>
    /// Creates the compacted topic when it is missing, then reads it to its end: the applications to
    /// redeploy. A registry that cannot be read is logged and treated as empty (the server still starts).
    /// </summary>
    public IReadOnlyList<RegisteredApplication> Load()
    {
        KafkaNativeLibrary.EnsureLoaded();
        try
        {
            // A consumer's handle asks for metadata without creating the topic as a side effect.
            using var consumer = KafkaClients.CreateConsumer(
                new Dictionary<string, string>
                {
                    ["bootstrap.servers"] = _bootstrapServers,
                    ["group.id"] = "velostream-registry-reader",
                    ["allow.auto.create.topics"] = "false",
                },
                "velostream-registry");
            using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
            var partitions = Partitions(admin);
            if (partitions.Count == 0)
            {
                CreateTopic(admin);
                partitions = Partitions(admin);
            }
            var ends = new Dictionary<int, long>();
            foreach (var partition in partitions)
            {
                var high = consumer.QueryWatermarkOffsets(new TopicPartition(Topic, partition), Timeout).High.Value;
                if (high > 0)
                {
                    ends[partition] = high;
                }
            }
            consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(Topic, p, Offset.Beginning)));
            var deadline = DateTime.UtcNow + Timeout + Timeout;
            while (ends.Count > 0 && DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { IsPartitionEOF: false } result)
                {
                    continue;
                }
                Apply(result.Message.Key, result.Message.Value);
                if (result.Offset.Value + 1 >= ends.GetValueOrDefault(result.Partition.Value))
                {
                    ends.Remove(result.Partition.Value);
                }
            }
            if (ends.Count > 0)
            {
                _logger.LogError("The application registry {Topic} could not be read to its end; some applications deployed over the API were not restored", Topic);
            }
            consumer.Close();
        }
        catch (KafkaException e)
        {
            _logger.LogError("The application registry {Topic} could not be read ({Reason}); applications deployed over the API were not restored", Topic, e.Error.Reason);
        }
        lock (_gate)
        {
            return [.. _applications.Values];
        }
    }

    /// <summary>The topic's partitions, none when it does not exist (yet).</summary>
    private List<int> Partitions(IAdminClient admin)
    {
        var topic = admin.GetMetadata(Topic, Timeout).Topics.SingleOrDefault(t => t.Topic == Topic);
        return topic is null || topic.Error.IsError ? [] : [.. topic.Partitions.Select(p => p.PartitionId)];
    }

    /// <summary>Records an application and the jobs of it that run; false (logged) when Kafka did not acknowledge it.</summary>
    public bool Record(RegisteredApplication application)
    {
        lock (_gate)
        {
            if (!Write(application.Name, JsonSerializer.SerializeToUtf8Bytes(application, JsonOptions)))
            {
                return false;
            }
            _applications[application.Name] = application;
            return true;
        }
    }

    /// <summary>Removes a job from its application's record (a tombstone once no job of it is left).</summary>
    public void Forget(string application, string job)
    {
        lock (_gate)
        {
            if (!_applications.TryGetValue(application, out var recorded) || !recorded.Jobs.Contains(job))
            {
                return;
            }
            var rest = recorded with { Jobs = [.. recorded.Jobs.Where(j => j != job)] };
            if (Write(application, rest.Jobs.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(rest, JsonOptions)))
            {
                if (rest.Jobs.Count == 0)
                {
                    _applications.Remove(application);
                }
                else
                {
                    _applications[application] = rest;
                }
            }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private void Apply(byte[]? key, byte[]? value)
    {
        if (key is null)
        {
            return;
        }
        var name = Encoding.UTF8.GetString(key);
        lock (_gate)
        {
            if (value is null || value.Length == 0)
            {
                _applications.Remove(name);
                return;
            }
            try
            {
                if (JsonSerializer.Deserialize<RegisteredApplication>(value, JsonOptions) is { Sql: not null, File: not null, Jobs: not null } application)
                {
                    _applications[name] = application with { Name = name };
                }
            }
            catch (JsonException e)
            {
                _logger.LogWarning("Skipping an unreadable record for {Application} in {Topic}: {Reason}", name, Topic, e.Message);
            }
        }
    }

    /// <summary>Writes one record (null value: a tombstone) and waits for the broker's acknowledgement.</summary>
    private bool Write(string key, byte[]? value)
    {
        _producer ??= KafkaClients.CreateProducer(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = _bootstrapServers,
            ["message.timeout.ms"] = ((int)Timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["message.max.bytes"] = "4194304",
        }, "velostream-registry");
        try
        {
            _producer.ProduceAsync(Topic, new Message<byte[]?, byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = value! })
                .WaitAsync(Timeout + Timeout).GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is KafkaException or TimeoutException)
        {
            _logger.LogError("Could not record application {Application} in {Topic}: {Reason}", key, Topic, e.Message);
            return false;
        }
    }

    /// <summary>Creates the topic compacted; a broker that cannot (the embedded one) is logged, and producing creates it then.</summary>
    private void CreateTopic(IAdminClient admin)
    {
        if (KafkaClients.CreateCompactedTopic(admin, Topic, 1, TimeSpan.FromSeconds(3)) is { } reason)
        {
            _logger.LogWarning("Could not create the compacted topic {Topic} ({Reason}); create it with cleanup.policy=compact", Topic, reason);
        }
    }

    public void Dispose()
    {
        _producer?.Flush(Timeout);
        _producer?.Dispose();
    }
}
