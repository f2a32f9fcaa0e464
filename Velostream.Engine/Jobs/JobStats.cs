using System.Collections.Concurrent;

namespace Velostream.Engine.Jobs;

/// <summary>Where a job is in its life.</summary>
internal enum JobState
{
    Created,
    Running,
    /// <summary>Every source was bounded and is exhausted; outputs are flushed.</summary>
    Completed,
    /// <summary>Stopped on request (cancellation); what was delivered is flushed and committed.</summary>
    Stopped,
    Failed,
}

/// <summary>
/// A job's counters, safe to read from other threads (the HTTP API) while the job runs. The job
/// thread publishes its local counts once per batch, so reading costs the hot path nothing.
/// </summary>
internal sealed class JobStats
{
    private long _recordsIn;
    private long _recordsOut;
    private long _recordsFailed;
    private long _recordsLate;
    private long _recordsDeadLettered;
    private long _duplicatesSkipped;
    private volatile string? _lastError;
    private volatile JobState _state;

    public long RecordsIn => Interlocked.Read(ref _recordsIn);
    public long RecordsOut => Interlocked.Read(ref _recordsOut);
    public long RecordsFailed => Interlocked.Read(ref _recordsFailed);
    public long RecordsLate => Interlocked.Read(ref _recordsLate);
    public long RecordsDeadLettered => Interlocked.Read(ref _recordsDeadLettered);

    /// <summary>Records of a repartitioned job's internal topic skipped as already applied (written again by its first stage after a crash).</summary>
    public long DuplicatesSkipped => Interlocked.Read(ref _duplicatesSkipped);

    /// <summary>Failed records by error type (<c>decode_error</c>, <c>evaluation_error</c>).</summary>
    public ConcurrentDictionary<string, long> FailedByReason { get; } = new(StringComparer.Ordinal);

    public string? LastError
    {
        get => _lastError;
        set => _lastError = value;
    }

    public JobState State
    {
        get => _state;
        set => _state = value;
    }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? StoppedAt { get; set; }

    internal void AddDuplicatesSkipped(long skipped) => Interlocked.Add(ref _duplicatesSkipped, skipped);

    internal void Add(long recordsIn, long recordsOut, long late, long deadLettered)
    {
        if (recordsIn != 0) Interlocked.Add(ref _recordsIn, recordsIn);
        if (recordsOut != 0) Interlocked.Add(ref _recordsOut, recordsOut);
        if (late != 0) Interlocked.Add(ref _recordsLate, late);
        if (deadLettered != 0) Interlocked.Add(ref _recordsDeadLettered, deadLettered);
    }

    internal void AddFailure(string errorType, string message)
    {
        Interlocked.Increment(ref _recordsFailed);
        FailedByReason.AddOrUpdate(errorType, 1, static (_, n) => n + 1);
        _lastError = message;
    }

    /// <summary>The line <c>run</c> prints per job: <c>job &lt;name&gt;: in=N out=N failed=N late=N</c>.</summary>
    public string Summary(string jobName) =>
        $"job {jobName}: in={RecordsIn} out={RecordsOut} failed={RecordsFailed} late={RecordsLate}";
}
