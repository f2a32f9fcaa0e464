
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Telemetry;

/// <summary>
/// The latest <see cref="JobStateSize"/> of one job, written by the job's thread once per batch and read by
/// the metric reader's thread at collection time. Each count is one volatile field (-1: the job holds no
/// state of that kind), so neither side locks or allocates, and a reader never sees a torn value.
/// </summary>
internal sealed class JobStateReading
{
    private const long None = -1;

    private long _groupKeys = None;
    private long _openWindows = None;
    private long _bufferedJoinRows = None;

    public long? GroupKeys => Read(ref _groupKeys);

    public long? OpenWindows => Read(ref _openWindows);

    public long? BufferedJoinRows => Read(ref _bufferedJoinRows);

    public void Update(in JobStateSize size)
    {
        Volatile.Write(ref _groupKeys, size.GroupKeys ?? None);
        Volatile.Write(ref _openWindows, size.OpenWindows ?? None);
        Volatile.Write(ref _bufferedJoinRows, size.BufferedJoinRows ?? None);
    }

    private static long? Read(ref long field)
    {
        var value = Volatile.Read(ref field);
        return value == None ? null : value;
    }
}
