namespace Velostream.Engine.Jobs;

/// <summary>
/// Which of a job's streams it reads next. Normally the one furthest behind in event time, so that a
/// join sees its inputs in step and buffers little. But a stream whose last read found nothing (an
/// input gone quiet, or read to its end for now) gives way to the others for <see cref="QuietMs"/>:
/// were it chosen again at once for being furthest behind, the other streams would never be read
/// again, and whatever they still hold (the partners of a join's last rows) would wait forever.
/// </summary>
internal sealed class StreamReadOrder(int sourceCount, Func<long>? clock = null)
{
    /// <summary>How long a stream whose read came back empty is passed over while another stream is open.</summary>
    public const long QuietMs = 100;

    private readonly Func<long> _clock = clock ?? (() => Environment.TickCount64);
    private readonly long[] _quietUntil = new long[sourceCount];
    private int _turn;

    /// <summary>
    /// The stream to read next among <paramref name="open"/>: the furthest behind in
    /// <paramref name="eventTimeMs"/> among those not quiet (all of them when every one is); ties in turn.
    /// </summary>
    public int Next(IReadOnlyList<int> open, Func<int, long> eventTimeMs)
    {
        if (open.Count == 1) return open[0];
        var now = _clock();
        var turn = _turn++;
        var someAwake = open.Any(i => _quietUntil[i] <= now);
        return open.MinBy(i => (someAwake && _quietUntil[i] > now, eventTimeMs(i), (i + turn) % open.Count));
    }

    /// <summary>A read of <paramref name="source"/> returned <paramref name="records"/> records.</summary>
    public void Read(int source, int records) => _quietUntil[source] = records == 0 ? _clock() + QuietMs : 0;
}
