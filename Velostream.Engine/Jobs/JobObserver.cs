using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Lineage;

namespace Velostream.Engine.Jobs;

/// <summary>
/// Hooks the job runner calls as records flow, so tracing and metrics can plug in without the
/// operators knowing about them. Every hook is a no-op here; <see cref="None"/> is the default.
/// Hooks run on the job's thread, inside the per-record loop: keep them cheap.
/// </summary>
internal abstract class JobObserver
{
    public static readonly JobObserver None = new NoObserver();

    /// <summary>False only for <see cref="None"/>, so the runner can skip per-record work entirely.</summary>
    public virtual bool IsActive => true;

    /// <summary>
    /// Whether GROUP BY groups (windowed or not) should keep a sample of their inputs for their outputs'
    /// lineage (what <see cref="OutputProduced"/> links to). Asked as each group starts: false while nothing
    /// would read the samples, so that groups keep none.
    /// </summary>
    public virtual bool WantsLineage => IsActive;

    public virtual void JobStarted(JobInfo job) { }

    /// <summary>A batch was read from <paramref name="source"/> (before any of its records is processed).</summary>
    public virtual void BatchRead(JobInfo job, string source, SourceBatch batch) { }

    /// <summary>After the last record of a batch from <see cref="BatchRead"/> (per-batch work such as metric totals).</summary>
    public virtual void BatchCompleted(JobInfo job, string source, SourceBatch batch) { }

    /// <summary>
    /// A record's processing starts. The returned state (for example an Activity) is passed back to
    /// <see cref="RecordFailed"/>, <see cref="RecordLate"/> and <see cref="RecordCompleted"/>.
    /// Outputs derived from this record are produced between this call and the completing one.
    /// </summary>
    public virtual object? RecordStarted(JobInfo job, in SourceRecord record) => null;

    /// <summary>
    /// The record could not be decoded or evaluated. <paramref name="errorType"/> is
    /// <c>decode_error</c> or <c>evaluation_error</c>; <paramref name="reason"/> the message.
    /// <see cref="RecordCompleted"/> is not called for it.
    /// </summary>
    public virtual void RecordFailed(JobInfo job, in SourceRecord record, object? state, string errorType, string reason, Exception? exception) { }

    /// <summary>The record arrived after its window closed (dropped or dead-lettered per the job's late-data strategy).</summary>
    public virtual void RecordLate(JobInfo job, in SourceRecord record, object? state) { }

    /// <summary>The record was processed; <paramref name="outputs"/> rows were produced from it (or by the windows it closed).</summary>
    public virtual void RecordCompleted(JobInfo job, object? state, int outputs) { }

    /// <summary>
    /// An output is about to be written to <paramref name="sink"/>. The returned headers are what the
    /// sink writes: that is how trace context gets into output messages. <paramref name="headers"/>
    /// are the input's headers for stateless outputs, null for aggregates and joins.
    /// </summary>
    public virtual RecordHeaders? OutputProduced(JobInfo job, string sink, OutputLineage lineage, RecordHeaders? headers) => headers;

    /// <summary>A record (failed or late) was written to the dead-letter sink.</summary>
    public virtual void RecordDeadLettered(JobInfo job, in SourceRecord record, string errorType) { }

    /// <summary>
    /// The size of the job's state after a batch (and after a source ends or input finishes): once per
    /// batch, never per record. Only for jobs that hold state (<see cref="JobStateSize.IsEmpty"/> is false).
    /// </summary>
    public virtual void StateMeasured(JobInfo job, in JobStateSize size) { }

    public virtual void JobStopped(JobInfo job, JobStats stats) { }

    private sealed class NoObserver : JobObserver
    {
        public override bool IsActive => false;
    }
}
