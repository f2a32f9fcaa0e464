using System.Text;
using Velostream.Engine.Connectors.Kafka.Embedded;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Asks librdkafka itself whether a client property is valid: <c>rd_kafka_conf_set</c> on a scratch
/// configuration answers with its own table (names, types, ranges, enumerations) and its own message,
/// so <c>validate</c> never drifts from the librdkafka the engine runs with.
/// </summary>
internal static class LibrdkafkaProperties
{
    private const int Unknown = -2;

    /// <summary>
    /// Properties that act when they are set (<c>plugin.library.paths</c> loads libraries), so they are
    /// never set on the scratch configuration; the client checks them when it starts.
    /// </summary>
    private static readonly HashSet<string> ActOnSet = new(StringComparer.Ordinal) { "plugin.library.paths" };

    /// <summary>Why librdkafka refuses <paramref name="name"/> = <paramref name="value"/>, or null when it accepts it.</summary>
    /// <param name="unknownName">True when the property does not exist at all (rather than its value being wrong).</param>
    public static string? Problem(string name, string value, out bool unknownName)
    {
        unknownName = false;
        if (ActOnSet.Contains(name) || name.StartsWith("dotnet.", StringComparison.Ordinal))
        {
            // dotnet.* properties belong to Confluent.Kafka, not to librdkafka.
            return null;
        }
        KafkaNativeLibrary.EnsureLoaded();
        var conf = MockClusterNative.rd_kafka_conf_new();
        try
        {
            var message = new byte[512];
            var result = MockClusterNative.rd_kafka_conf_set(conf, name, value, message, (nuint)message.Length);
            if (result == 0)
            {
                return null;
            }
            unknownName = result == Unknown;
            var length = Array.IndexOf(message, (byte)0);
            return Encoding.UTF8.GetString(message, 0, length < 0 ? message.Length : length);
        }
        finally
        {
            MockClusterNative.rd_kafka_conf_destroy(conf);
        }
    }
}
