namespace Velostream.Engine.Execution.Runtime;

/// <summary>
/// The first stage of a repartitioned job: per source partition it reads, the latest event time read and
/// when a record last came, for its watermark records (<see cref="WatermarkRecord"/>). A partition that
/// gave nothing for <see cref="IdleAfter"/> since it was assigned or last gave a record is idle (it does
/// not hold the stateful stage's windows open), as Flink marks idle sources; a partition assigned but not
/// read yet and not idle is left out, so the stateful stage waits for it.
/// </summary>
internal sealed class SourcePartitionTimes
{
    /// <summary>How long an assigned partition gives nothing before it counts as idle.</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(5);

    private readonly SortedDictionary<int, Partition> _partitions = [];
    private readonly long _idleAfterMs;

    public SourcePartitionTimes(TimeSpan? idleAfter = null) => _idleAfterMs = (long)(idleAfter ?? IdleAfter).TotalMilliseconds;

    /// <summary>The partitions joined this stage at <paramref name="nowMs"/> (a wall clock in ms).</summary>
    public void Assigned(IEnumerable<int> partitions, long nowMs)
    {
        foreach (var partition in partitions)
        {
            _partitions.TryAdd(partition, new Partition { EventTimeMs = long.MinValue, LastReadMs = nowMs });
        }
    }

    /// <summary>The partitions left this stage: another one reports them now.</summary>
    public void Revoked(IEnumerable<int> partitions)
    {
        foreach (var partition in partitions)
        {
            _partitions.Remove(partition);
        }
    }

    /// <summary>A record of <paramref name="partition"/> was read at <paramref name="nowMs"/>, of event time <paramref name="eventTimeMs"/> (<see cref="long.MinValue"/>: none).</summary>
    public void Read(int partition, long eventTimeMs, long nowMs)
    {
        if (!_partitions.TryGetValue(partition, out var p))
        {
            _partitions[partition] = p = new Partition { EventTimeMs = long.MinValue };
        }
        p.LastReadMs = nowMs;
        if (eventTimeMs > p.EventTimeMs) p.EventTimeMs = eventTimeMs;
    }

    /// <summary>What a watermark record written at <paramref name="nowMs"/> says of each partition this stage reads.</summary>
    public List<WatermarkRecord.Entry> Entries(long nowMs)
    {
        var entries = new List<WatermarkRecord.Entry>(_partitions.Count);
        foreach (var (partition, p) in _partitions)
        {
            var idle = nowMs - p.LastReadMs >= _idleAfterMs;
            if (idle || p.EventTimeMs != long.MinValue) entries.Add(new WatermarkRecord.Entry(partition, p.EventTimeMs, idle));
        }
        return entries;
    }

    private sealed class Partition
    {
        public long EventTimeMs;
        public long LastReadMs;
    }
}
