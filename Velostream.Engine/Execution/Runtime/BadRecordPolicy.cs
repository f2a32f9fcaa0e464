using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Formats.DeadLetters;
using Velostream.Engine.Execution.Operators;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Execution.Runtime;

/// <summary>
/// What a job does with a record that failed or came late, and with an output row that failed, per
/// its <c>'failure.strategy'</c> and <c>'late.data.strategy'</c>: count it, log it (the first lines
/// only), write it to the dead letters, or stop the job. Told by the executor from the results its
/// operators answer; knows nothing about operators.
/// </summary>
internal sealed class BadRecordPolicy(JobInfo job, JobStats stats, JobSettings settings, IRecordSink? deadLetters, JobObserver observer, TextWriter log, int maxLogged)
{
    public const string DecodeError = "decode_error";
    public const string EvaluationError = "evaluation_error";
    public const string LateRecord = "late_record";

    private readonly DeadLetterEncoder _deadLetterEncoder = new(job.Name);
    private readonly bool _observe = observer.IsActive;
    private int _logged;

    /// <summary>A failure under <c>'failure.strategy' = 'fail'</c> happened: the job stops.</summary>
    public bool Failed { get; private set; }

    /// <summary>Late records since the last <see cref="TakeCounts"/>.</summary>
    private long _late;

    /// <summary>Dead letters written since the last <see cref="TakeCounts"/>.</summary>
    private long _deadLettered;

    /// <summary>The late records and dead letters counted since the last call.</summary>
    public (long Late, long DeadLettered) TakeCounts()
    {
        var counts = (_late, _deadLettered);
        _late = 0;
        _deadLettered = 0;
        return counts;
    }

    public void Late(SourceRuntime source, in SourceRecord record, object? state, long watermark)
    {
        _late++;
        if (_observe) observer.RecordLate(job, record, state);
        if (settings.LateData == LateDataStrategy.DeadLetter && deadLetters is not null)
        {
            DeadLetter(source, record, LateRecord, $"late record: its window closed (watermark {SqlTime.FormatIso(watermark)})");
        }
    }

    public void RecordFailed(SourceRuntime source, in SourceRecord record, object? state, string errorType, string reason)
    {
        var where = source.IsFile ? $"line {record.Offset}" : $"{record.Topic}[{record.Partition}]@{record.Offset}";
        var message = $"{source.Name} {where}: {reason}";
        stats.AddFailure(errorType, message);
        if (_observe) observer.RecordFailed(job, record, state, errorType, reason, null);
        switch (settings.Failure)
        {
            case FailureStrategy.Fail:
                Failed = true;
                stats.LastError = message;
                Log($"job {job.Name}: {message} (failure.strategy = fail: stopping)", force: true);
                break;
            case FailureStrategy.DeadLetter when deadLetters is not null:
                DeadLetter(source, record, errorType, reason);
                break;
            default:
                Log($"job {job.Name}: {message}");
                break;
        }
    }

    /// <summary>The output rows of <paramref name="result"/> that failed to evaluate (HAVING or a SELECT item over aggregates): counted and logged.</summary>
    public void OutputsFailed(in OperatorResult result)
    {
        if (result.OutputErrors is not { } errors) return;
        foreach (var reason in errors)
        {
            var message = $"output row: {reason}";
            stats.AddFailure(EvaluationError, message);
            Log($"job {job.Name}: {message}");
            if (settings.Failure == FailureStrategy.Fail)
            {
                Failed = true;
            }
        }
    }

    private void DeadLetter(SourceRuntime source, in SourceRecord record, string errorType, string reason)
    {
        if (deadLetters is IDeadLetterSink own)
        {
            own.WriteDeadLetter(record, source.Name, errorType, reason);
        }
        else
        {
            var line = _deadLetterEncoder.Encode(source.Name, source.IsFile, record, errorType, reason);
            deadLetters!.Write(record.Key.Span, line, record.Headers, record.TimestampMs);
        }
        _deadLettered++;
        if (_observe) observer.RecordDeadLettered(job, record, errorType);
    }

    private void Log(string message, bool force = false)
    {
        if (_logged < maxLogged || force)
        {
            log.WriteLine(message);
        }
        else if (_logged == maxLogged)
        {
            log.WriteLine($"job {job.Name}: further record failures are counted but not logged");
        }
        _logged++;
    }
}
