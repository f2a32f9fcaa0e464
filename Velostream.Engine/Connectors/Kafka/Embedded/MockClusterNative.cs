using System.Runtime.InteropServices;

namespace Velostream.Engine.Connectors.Kafka.Embedded;

/// <summary>
/// P/Invoke declarations for librdkafka's mock cluster (rdkafka_mock.h) and the few core calls needed
/// to own the handle that hosts it. The mock API is experimental upstream; keep this list minimal.
/// Calls resolve through <see cref="KafkaNativeLibrary"/> (call its EnsureLoaded first).
/// </summary>
internal static class MockClusterNative
{
    public const string Library = "librdkafka";

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern nint rd_kafka_conf_new();

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_conf_set(nint conf, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, byte[] errstr, nuint errstrSize);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_conf_destroy(nint conf);

    /// <summary>type 0 = producer. Takes ownership of <paramref name="conf"/> on success.</summary>
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern nint rd_kafka_new(int type, nint conf, byte[] errstr, nuint errstrSize);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_destroy(nint rk);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern nint rd_kafka_mock_cluster_new(nint rk, int brokerCount);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_cluster_destroy(nint mcluster);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern nint rd_kafka_mock_cluster_bootstraps(nint mcluster);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_topic_create(nint mcluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_partition_set_leader(nint mcluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partition, int brokerId);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_broker_set_down(nint mcluster, int brokerId);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_broker_set_up(nint mcluster, int brokerId);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_push_request_errors_array(nint mcluster, short apiKey, nuint count, int[] errors);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_clear_request_errors(nint mcluster, short apiKey);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(nint mcluster, int delayMs);
}
