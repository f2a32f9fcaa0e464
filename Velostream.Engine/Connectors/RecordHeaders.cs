namespace Velostream.Engine.Connectors;

/// <summary>
/// Message headers as Kafka carries them: ordered name/value pairs, names may repeat.
/// Trace context travels here as W3C <c>traceparent</c>/<c>tracestate</c>.
/// </summary>
public sealed class RecordHeaders : List<KeyValuePair<string, byte[]>>
{
    public RecordHeaders() { }

    public RecordHeaders(IEnumerable<KeyValuePair<string, byte[]>> headers) : base(headers) { }

    /// <summary>The last value of <paramref name="name"/>, or null (Kafka's "last wins" reading).</summary>
    public byte[]? GetLast(string name)
    {
        for (var i = Count - 1; i >= 0; i--)
        {
            if (string.Equals(this[i].Key, name, StringComparison.Ordinal))
            {
                return this[i].Value;
            }
        }
        return null;
    }

    /// <summary>Replaces every value of <paramref name="name"/> with one value.</summary>
    public void Set(string name, byte[] value)
    {
        Remove(name);
        Add(new KeyValuePair<string, byte[]>(name, value));
    }

    /// <summary>Removes every value of <paramref name="name"/>.</summary>
    public void Remove(string name)
    {
        for (var i = Count - 1; i >= 0; i--)
        {
            if (string.Equals(this[i].Key, name, StringComparison.Ordinal))
            {
                RemoveAt(i);
            }
        }
    }
}
