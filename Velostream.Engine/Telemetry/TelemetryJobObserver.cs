using System.Diagnostics;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Telemetry;

/// <summary>
/// Traces and measures jobs through the job runner's hooks: a <c>data_ingestion</c> span per batch holding sampled records, per
/// record a <c>process &lt;topic&gt;</c> CONSUMER span with a <c>sql_query:&lt;operation&gt;</c> child, the query
/// span's context put into the headers of every output so that the sink's <c>send</c> span continues it,
/// and for window and join outputs a span linked to the contributing inputs. Metrics go to
/// <see cref="VelostreamMetrics"/>.
/// </summary>
internal sealed class TelemetryJobObserver(VelostreamTelemetry telemetry) : JobObserver
{
    private readonly RecordTracer _tracer = telemetry.Tracer;
    private readonly VelostreamMetrics _metrics = telemetry.Metrics;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<JobInfo, string> _queryTexts = [];

    private string QueryTextOf(JobInfo job) => _queryTexts.GetValue(job, static j => QueryText.WithoutProperties(j.QueryText));

    // The samples only become span links: none while tracing is off.
    public override bool WantsLineage => _tracer.IsEnabled;

    public override void JobStarted(JobInfo job) => _metrics.JobStarted(job.Name);

    public override void JobStopped(JobInfo job, JobStats stats)
    {
        FlushProduced(RecordScope.ForThisThread());
        _metrics.JobStopped(job.Name);
    }

    public override void BatchRead(JobInfo job, string source, SourceBatch batch)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var topic = batch[0].Topic ?? source;
        _metrics.RecordsConsumed(job.Name, topic, batch.Count);
        var scope = RecordScope.ForThisThread();
        scope.UnsampledHeaders = null;
        scope.UnsampledTraceParent = null;
        scope.InBatch = true;
        scope.ConsumerGroup = batch.ConsumerGroup;
        _tracer.StartIngestion(topic, batch, batch.ConsumerGroup, job.Name)?.Dispose();
    }

    public override void BatchCompleted(JobInfo job, string source, SourceBatch batch)
    {
        var scope = RecordScope.ForThisThread();
        scope.InBatch = false;
        FlushProduced(scope);
    }

    public override object? RecordStarted(JobInfo job, in SourceRecord record)
    {
        var scope = RecordScope.ForThisThread();
        scope.Topic = record.Topic ?? "";
        // Two clock reads per record are most of what the observer costs when nothing collects the durations.
        scope.StartTimestamp = _metrics.MeasuresProcessingDuration ? Stopwatch.GetTimestamp() : 0;
        scope.Process = _tracer.StartProcess(record, scope.InBatch ? scope.ConsumerGroup : null, job.Name);
        scope.Query = scope.Process is null ? null : _tracer.StartQuery(job.Operation, job.Name, job.AppName, QueryTextOf(job), scope.Process);
        return scope;
    }

    public override void RecordFailed(JobInfo job, in SourceRecord record, object? state, string errorType, string reason, Exception? exception)
    {
        _metrics.RecordFailed(job.Name, record.Topic ?? "", errorType);
        if (state is RecordScope scope)
        {
            RecordTracer.RecordFailure(scope.Query, errorType, reason, exception);
            RecordTracer.RecordFailure(scope.Process, errorType, reason, exception);
            End(job, scope, outputs: 0);
        }
    }

    public override void StateMeasured(JobInfo job, in JobStateSize size) => _metrics.StateMeasured(job.Name, size);

    public override void RecordLate(JobInfo job, in SourceRecord record, object? state)
    {
        _metrics.RecordsLate(job.Name, record.Topic ?? "", 1);
        if (state is RecordScope { Process: { } process })
        {
            process.AddEvent(new ActivityEvent("late"));
        }
    }

    public override void RecordCompleted(JobInfo job, object? state, int outputs)
    {
        if (state is RecordScope scope)
        {
            End(job, scope, outputs);
        }
    }

    public override RecordHeaders? OutputProduced(JobInfo job, string sink, OutputLineage lineage, RecordHeaders? headers)
    {
        CountProduced(job, sink);
        if (!_tracer.IsEnabled)
        {
            return headers;
        }
        if (!lineage.IsSingleInput)
        {
            // Closing a window happens while some later record is being processed; the output's span
            // belongs to the window's inputs, not to that record.
            if (lineage.Sample is { } sample)
            {
                using var output = _tracer.StartAggregateOutput(job.Operation, job.Name, job.AppName, QueryTextOf(job), sample, ref headers);
                RecordTracer.SetRecordCounts(output, sample.TotalInputs, 1);
            }
            return headers;
        }
        var current = RecordScope.ForThisThread();
        if (current.Query is { } query)
        {
            // The sink's send span continues from the query span (never change the input's header list).
            var copy = headers is null ? new RecordHeaders() : new RecordHeaders(headers);
            TraceContextHeaders.Inject(query.Context, copy);
            return copy;
        }
        if (_tracer.KeepsUnsampled(headers))
        {
            // The input said "not sampled" (read once, when its processing started): it goes on as it came.
            return headers;
        }
        if (TraceContextHeaders.IsSampled(headers) is null)
        {
            // The record arrived without a trace and was not sampled here: say so downstream, or the next
            // hop would make a decision of its own and start traces in the middle of the pipeline. One
            // unsampled context per batch: nothing records unsampled traces, and outputs without headers of
            // their own share one list (header lists handed to sinks are never changed, only copied).
            var traceParent = current.UnsampledTraceParent ??= TraceContextHeaders.TraceParentBytes(RecordTracer.NewUnsampledContext());
            if (headers is null)
            {
                headers = current.UnsampledHeaders ??= [new(TraceContextHeaders.TraceParent, traceParent)];
            }
            else
            {
                headers = new RecordHeaders(headers);
                headers.Set(TraceContextHeaders.TraceParent, traceParent);
            }
            // The sink's send span then knows the answer without reading the header again.
            _tracer.NoteUnsampled(headers);
            return headers;
        }
        return headers;
    }

    public override void RecordDeadLettered(JobInfo job, in SourceRecord record, string errorType) =>
        _metrics.RecordsDeadLettered(job.Name, record.Topic ?? "", 1);

    /// <summary>
    /// Outputs are counted per batch and added to the counter once (a counter add with its attributes costs
    /// about as much as the rest of the observer's work on an unsampled record); outside a batch (windows
    /// closed at the end of input) at once. The exported totals are the same.
    /// </summary>
    private void CountProduced(JobInfo job, string sink)
    {
        var scope = RecordScope.ForThisThread();
        if (!scope.InBatch)
        {
            _metrics.RecordsProduced(job.Name, sink, 1);
            return;
        }
        if (!ReferenceEquals(scope.ProducedJob, job) || !string.Equals(scope.ProducedSink, sink, StringComparison.Ordinal))
        {
            FlushProduced(scope);
            scope.ProducedJob = job;
            scope.ProducedSink = sink;
        }
        scope.Produced++;
    }

    private void FlushProduced(RecordScope scope)
    {
        if (scope is { Produced: > 0, ProducedJob: { } job, ProducedSink: { } sink })
        {
            _metrics.RecordsProduced(job.Name, sink, scope.Produced);
        }
        scope.Produced = 0;
        scope.ProducedJob = null;
        scope.ProducedSink = null;
    }

    private void End(JobInfo job, RecordScope scope, int outputs)
    {
        // Recorded while the query span is still current, so the histogram's exemplar carries its trace.
        if (scope.StartTimestamp != 0)
        {
            _metrics.ProcessingDuration(job.Name, Stopwatch.GetElapsedTime(scope.StartTimestamp).TotalSeconds);
        }
        RecordTracer.SetRecordCounts(scope.Query, 1, outputs);
        scope.Query?.Dispose();
        scope.Process?.Dispose();
        scope.Clear();
    }
}
