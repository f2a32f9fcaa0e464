namespace Velostream.Engine.Api;

/// <summary>A job as the HTTP API shows it.</summary>
internal sealed record JobView(
    string Name,
    string Application,
    string State,
    long RecordsIn,
    long RecordsOut,
    long RecordsFailed,
    long RecordsLate,
    long RecordsDeadLettered,
    long DuplicatesSkipped,
    long? Lag,
    string? LastError,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt)
{
    /// <summary>The job; with <paramref name="dataRoot"/> (shown over HTTP) its last error carries no host paths.</summary>
    public static JobView Of(ManagedJob job, DataRoot? dataRoot = null)
    {
        var stats = job.Stats;
        return new JobView(
            job.Name, job.Application, stats.State.ToString().ToLowerInvariant(),
            stats.RecordsIn, stats.RecordsOut, stats.RecordsFailed, stats.RecordsLate, stats.RecordsDeadLettered, stats.DuplicatesSkipped,
            job.Lag, stats.LastError is { } error && dataRoot is not null ? dataRoot.Scrub(error) : stats.LastError, stats.StartedAt, stats.StoppedAt);
    }
}
