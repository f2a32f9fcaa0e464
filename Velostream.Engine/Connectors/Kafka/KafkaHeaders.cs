using Confluent.Kafka;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>Copies headers between Confluent.Kafka's and the engine's representation, order and repeats kept.</summary>
internal static class KafkaHeaders
{
    public static RecordHeaders? ToRecord(Headers? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return null;
        }
        var result = new RecordHeaders();
        result.Capacity = headers.Count;
        foreach (var header in headers)
        {
            result.Add(new KeyValuePair<string, byte[]>(header.Key, header.GetValueBytes() ?? []));
        }
        return result;
    }

    public static Headers? ToKafka(RecordHeaders? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return null;
        }
        var result = new Headers();
        foreach (var (key, value) in headers)
        {
            result.Add(key, value);
        }
        return result;
    }
}
