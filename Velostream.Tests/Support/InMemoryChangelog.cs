using Velostream.Engine.Execution.State;

namespace Velostream.Tests.Support;

/// <summary>Changelog topics as lists of records, per topic partition: what a broker keeps, without one.</summary>
internal sealed class InMemoryChangelog : IChangelogWriter, IChangelogReader
{
    public Dictionary<(string Topic, int Partition), List<(byte[] Key, byte[]? Value)>> Topics { get; } = [];

    public void Write(string topic, int partition, byte[] key, byte[]? value)
    {
        if (!Topics.TryGetValue((topic, partition), out var records))
        {
            Topics[(topic, partition)] = records = [];
        }
        records.Add((key, value));
    }

    public IEnumerable<(byte[] Key, byte[]? Value)> ReadToEnd(string topic, int partition) =>
        Topics.TryGetValue((topic, partition), out var records) ? [.. records] : [];
}
