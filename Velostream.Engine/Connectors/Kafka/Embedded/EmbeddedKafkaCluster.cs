using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Velostream.Engine.Connectors.Kafka.Embedded;

/// <summary>
/// An in-process Kafka cluster: librdkafka's mock brokers, reachable over real TCP on 127.0.0.1 so
/// that any client (this process, <c>feed</c>, <c>tail</c>, a second engine) connects through
/// <see cref="BootstrapServers"/>. Data lives in memory only and is gone when this is disposed.
/// </summary>
/// <remarks>
/// Quirks of the mock cluster that callers must respect: topics are created here (the CreateTopics
/// admin API is not implemented), transactions do not hide aborted records from consumers, and
/// AdminClient group listing is unsupported. The initial group rebalance delay is set to 0 so that
/// consumers get their partitions at once instead of after the broker's default 3 s.
/// </remarks>
internal sealed class EmbeddedKafkaCluster : IDisposable
{
    /// <summary>Kafka protocol request keys for <see cref="PushRequestErrors"/>.</summary>
    public const short ProduceApi = 0;
    public const short FetchApi = 1;
    public const short OffsetCommitApi = 8;

    /// <summary>
    /// Consumer settings for this broker: after a member leaves, the mock group coordinator holds the
    /// next JoinGroup for a whole session timeout (a real broker does not), so a restarted job would
    /// wait 45 s for its partitions with the default.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ConsumerDefaults = new Dictionary<string, string>
    {
        ["session.timeout.ms"] = "1000",
        ["heartbeat.interval.ms"] = "200",
    };

    private readonly Lock _gate = new();
    private nint _handle;
    private nint _cluster;

    private EmbeddedKafkaCluster(nint handle, nint cluster, int brokerCount, string bootstrapServers)
    {
        _handle = handle;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public int BrokerCount { get; }

    /// <summary>Starts <paramref name="brokerCount"/> mock brokers (ids 1..N) and logs where they listen.</summary>
    public static EmbeddedKafkaCluster Start(int brokerCount = 1, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        KafkaNativeLibrary.EnsureLoaded();
        var errors = new byte[512];
        var conf = MockClusterNative.rd_kafka_conf_new();
        // The hosting handle only does bookkeeping for the brokers; keep it quiet.
        Set(conf, "log_level", "3", errors);
        Set(conf, "client.id", "velostream-embedded-kafka", errors);
        var handle = MockClusterNative.rd_kafka_new(0, conf, errors, (nuint)errors.Length);
        if (handle == 0)
        {
            MockClusterNative.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException("embedded Kafka: " + ReadError(errors));
        }
        var cluster = MockClusterNative.rd_kafka_mock_cluster_new(handle, brokerCount);
        if (cluster == 0)
        {
            MockClusterNative.rd_kafka_destroy(handle);
            throw new InvalidOperationException("embedded Kafka: the mock cluster could not be created");
        }
        MockClusterNative.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, 0);
        var bootstrap = Marshal.PtrToStringUTF8(MockClusterNative.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("embedded Kafka: no bootstrap address");
        logger?.LogWarning(
            "Embedded Kafka broker listening on {BootstrapServers} ({BrokerCount} broker(s)); data lives in memory only and is lost when this process exits. Other processes connect with ConnectionStrings__kafka={BootstrapServers}",
            bootstrap, brokerCount, bootstrap);
        return new EmbeddedKafkaCluster(handle, cluster, brokerCount, bootstrap);
    }

    /// <summary>Creates a topic (idempotent: an existing topic is left as it is).</summary>
    public void CreateTopic(string topic, int partitions = 1, int replicationFactor = 1)
    {
        var err = Call(c => MockClusterNative.rd_kafka_mock_topic_create(c, topic, partitions, Math.Min(replicationFactor, BrokerCount)));
        // 36 = TOPIC_ALREADY_EXISTS.
        if (err is not 0 and not 36)
        {
            throw new InvalidOperationException($"embedded Kafka: creating topic '{topic}' failed with error {err}");
        }
    }

    /// <summary>Disconnects a broker (-1: all) and refuses new connections; leadership does not move.</summary>
    public void SetBrokerDown(int brokerId) => Check(Call(c => MockClusterNative.rd_kafka_mock_broker_set_down(c, brokerId)), "broker down");

    public void SetBrokerUp(int brokerId) => Check(Call(c => MockClusterNative.rd_kafka_mock_broker_set_up(c, brokerId)), "broker up");

    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(Call(c => MockClusterNative.rd_kafka_mock_partition_set_leader(c, topic, partition, brokerId)), "leader move");

    /// <summary>The next requests of <paramref name="apiKey"/> fail with these Kafka error codes, in order.</summary>
    public void PushRequestErrors(short apiKey, params int[] errorCodes) =>
        Call(c =>
        {
            MockClusterNative.rd_kafka_mock_push_request_errors_array(c, apiKey, (nuint)errorCodes.Length, errorCodes);
            return 0;
        });

    /// <summary>
    /// Stops the brokers. librdkafka's destroy calls join the mock cluster's thread, which has been seen
    /// to block for good when clients were still connected mid-request; they run on a background
    /// thread, and after <see cref="DisposeTimeout"/> the cluster is abandoned (its memory and
    /// thread go with the process) rather than hanging whoever disposes it.
    /// </summary>
    public void Dispose()
    {
        nint cluster, handle;
        lock (_gate)
        {
            (cluster, handle) = (_cluster, _handle);
            (_cluster, _handle) = (0, 0);
        }
        if (cluster == 0 && handle == 0) return;
        var destroy = new Thread(() =>
        {
            if (cluster != 0) MockClusterNative.rd_kafka_mock_cluster_destroy(cluster);
            if (handle != 0) MockClusterNative.rd_kafka_destroy(handle);
        })
        {
            IsBackground = true,
            Name = "embedded-kafka-destroy",
        };
        destroy.Start();
        destroy.Join(DisposeTimeout);
    }

    /// <summary>How long <see cref="Dispose"/> waits for the native brokers to stop.</summary>
    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(15);

    private int Call(Func<nint, int> action)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == 0, this);
            return action(_cluster);
        }
    }

    private static void Check(int err, string what)
    {
        if (err != 0)
        {
            throw new InvalidOperationException($"embedded Kafka: {what} failed with error {err}");
        }
    }

    private static void Set(nint conf, string name, string value, byte[] errors)
    {
        if (MockClusterNative.rd_kafka_conf_set(conf, name, value, errors, (nuint)errors.Length) != 0)
        {
            throw new InvalidOperationException($"embedded Kafka: setting {name}: {ReadError(errors)}");
        }
    }

    private static string ReadError(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
