using System.Collections.Concurrent;

namespace Velostream.Engine.Telemetry;

/// <summary>
/// Builds "<c>prefix topic</c>"-style span names once per distinct suffix. Span names are needed before the
/// sampler runs, i.e. for every record, so they must not be concatenated each time.
/// </summary>
internal sealed class SpanNames(string prefix)
{
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);
    // One object swapped atomically, so a reader never pairs one suffix with another's name.
    private Entry _last = new("", prefix);

    public string For(string suffix)
    {
        var last = _last;
        if (ReferenceEquals(last.Suffix, suffix))
        {
            return last.Name;
        }
        var name = _names.GetOrAdd(suffix, static (s, p) => p + s, prefix);
        _last = new Entry(suffix, name);
        return name;
    }

    private sealed record Entry(string Suffix, string Name);
}
