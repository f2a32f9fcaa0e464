using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Functions;
using Velostream.Engine.Execution.Operators;
using Velostream.Engine.Execution.Operators.Joins;
using Velostream.Engine.Execution.Operators.Output;
using Velostream.Engine.Execution.State;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Execution.Runtime;

/// <summary>
/// The data plane of one job: decodes each record's fields straight into the row's slots, derives
/// its event time, pushes it into the job's chain of operators (<see cref="IStreamOperator"/>:
/// joins, filter, aggregation or row functions, projection) and advances the watermark; bad and
/// late records, known from the result each operator call answers, go to the job's <see cref="BadRecordPolicy"/>.
/// Synchronous and single-threaded: the job runner (or a benchmark) feeds it batches.
/// </summary>
internal sealed class QueryExecutor
{
    private readonly SourceRuntime[] _sources;
    private readonly IStreamOperator _root;
    private readonly LookupJoin[] _lookups;
    private readonly OutputEmitter _emitter;
    private readonly JobObserver _observer;
    private readonly bool _observe;
    private readonly bool _needsEventTime;
    private readonly long _maxOutOfOrderness;
    private readonly BadRecordPolicy _badRecords;
    private readonly Func<long> _clock;
    private readonly EvalContext _ctx;
    private long _in;
    private long _publishedOut;

    public QueryExecutor(
        JobInfo job,
        JobStats stats,
        SourceRuntime[] sources,
        IStreamOperator root,
        LookupJoin[] lookups,
        IStateStoreProvider state,
        bool tracksTime,
        OutputEmitter emitter,
        JobSettings settings,
        bool needsEventTime,
        IRecordSink? deadLetters,
        JobObserver observer,
        TextWriter log,
        int maxLogged,
        Func<long> clock,
        int slotCount)
    {
        Job = job;
        Stats = stats;
        _sources = sources;
        _root = root;
        _lookups = lookups;
        State = state;
        _emitter = emitter;
        _needsEventTime = needsEventTime;
        _maxOutOfOrderness = (long)settings.MaxOutOfOrderness.TotalMilliseconds;
        _badRecords = new BadRecordPolicy(job, stats, settings, deadLetters, observer, log, maxLogged);
        _observer = observer;
        _observe = observer.IsActive;
        _clock = clock;
        _ctx = new EvalContext(slotCount);
        _tracksTime = tracksTime;
        _measuresState = _observe && _tracksTime;
    }

    // Jobs without windows, groups or interval joins have no state to report.
    private readonly bool _measuresState;

    // Only windows, group-bys and interval joins care about the watermark.
    private readonly bool _tracksTime;

    public JobInfo Job { get; }

    public JobStats Stats { get; }

    /// <summary>The stores the job's operators keep their keyed state in.</summary>
    public IStateStoreProvider State { get; }

    public IReadOnlyList<SourceRuntime> Sources => _sources;

    /// <summary>LIMIT reached, or a failure under <c>'failure.strategy' = 'fail'</c>: stop reading.</summary>
    public bool Done => _emitter.Done || Failed;

    /// <summary>A record failed under the <c>fail</c> strategy; <see cref="JobStats.LastError"/> says why.</summary>
    public bool Failed => _badRecords.Failed;

    public long Watermark { get; private set; } = long.MinValue;

    /// <summary>The state this job holds now (see <see cref="JobStateSize"/>).</summary>
    public JobStateSize StateSize => _root.MeasureState(default);

    /// <summary>Rows an interval join holds while waiting for partners, for metrics.</summary>
    public int BufferedJoinRows => StateSize.BufferedJoinRows ?? 0;

    /// <summary>
    /// Per source, the lowest offset per partition that open state still depends on (open EMIT FINAL
    /// windows, sessions and groups; rows an interval join buffers; rows waiting for LEAD); null where nothing is held. A source
    /// must not be committed past these, or a restart would rebuild that state from part of its input.
    /// Records that only ever made immediate outputs (stateless jobs, EMIT CHANGES) hold nothing.
    /// </summary>
    public IReadOnlyDictionary<int, long>?[] HeldOffsets()
    {
        var held = new Dictionary<int, long>[_sources.Length];
        for (var i = 0; i < held.Length; i++)
        {
            held[i] = [];
        }
        _root.ReportHeld(held);
        var result = new IReadOnlyDictionary<int, long>?[held.Length];
        for (var i = 0; i < held.Length; i++)
        {
            result[i] = held[i].Count > 0 ? held[i] : null;
        }
        return result;
    }

    /// <summary>Loads one batch of a table source (right side of a stream–table join).</summary>
    public void LoadTable(int sourceIndex, SourceBatch batch)
    {
        var source = _sources[sourceIndex];
        var table = _lookups.First(t => t.TableSource == sourceIndex);
        _ctx.NowMs = _clock();
        foreach (ref readonly var record in batch.Records)
        {
            if (Failed) break;
            _ctx.Record = record;
            if (record.Value.IsEmpty && !record.Key.IsEmpty)
            {
                // A tombstone: the key's row leaves the table.
                table.Delete(record.Key.Span);
                continue;
            }
            if (!source.Decoder.TryDecode(record.Value, _ctx.Values.AsSpan(source.SlotOffset, source.SlotCount), out var error))
            {
                _badRecords.RecordFailed(source, record, null, BadRecordPolicy.DecodeError, error.ToString());
                continue;
            }
            if (table.Load(_ctx) is { IsFailed: true } failed)
            {
                _badRecords.RecordFailed(source, record, null, BadRecordPolicy.EvaluationError, failed.Error!);
            }
        }
    }

    /// <summary>Processes one batch of a stream source.</summary>
    public void Process(int sourceIndex, SourceBatch batch)
    {
        var source = _sources[sourceIndex];
        var ctx = _ctx;
        ctx.NowMs = _clock();
        if (_observe) _observer.BatchRead(Job, source.Name, batch);
        var decoder = source.Decoder;
        // The first records may have been decoded already by a read-ahead stage on another thread (ReadAheadSource).
        var decoded = batch.Decoded;
        var values = ctx.Values.AsSpan(source.SlotOffset, source.SlotCount);
        var count = batch.Count;
        for (var i = 0; i < count; i++)
        {
            if (Done) break;
            ref readonly var record = ref batch[i];
            _in++;
            var state = _observe ? _observer.RecordStarted(Job, record) : null;
            ctx.Record = record;
            ctx.SourceIndex = sourceIndex;
            if (!(decoded is not null && i < decoded.Count ? decoded.TryGet(i, values, out var decodeError) : decoder.TryDecode(record.Value, values, out decodeError)))
            {
                _badRecords.RecordFailed(source, record, state, BadRecordPolicy.DecodeError, decodeError.ToString());
                continue;
            }
            if (!TryEventTime(source, ctx, out var eventTime))
            {
                var v = ctx.Values[source.EventTimeSlot];
                _badRecords.RecordFailed(source, record, state, BadRecordPolicy.EvaluationError, v.IsNull
                    ? $"event time field '{source.EventTimeField}' is missing"
                    : $"event time field '{source.EventTimeField}' is not a timestamp: {v}");
                continue;
            }
            ctx.EventTimeMs = eventTime;
            if (eventTime > source.MaxEventTimeMs && !source.TimeFromUpstream) source.MaxEventTimeMs = eventTime;

            var result = _root.Push(ctx, null);
            if (result.OutputErrors is not null) _badRecords.OutputsFailed(result);
            if (result.Outcome == RecordOutcome.Failed)
            {
                _badRecords.RecordFailed(source, record, state, BadRecordPolicy.EvaluationError, result.Error!);
                continue;
            }
            var outputs = result.Outputs;
            if (result.Outcome == RecordOutcome.Late)
            {
                _badRecords.Late(source, record, state, Watermark);
                outputs = 0;
            }
            if (_tracksTime) outputs += AdvanceWatermark();
            if (_observe) _observer.RecordCompleted(Job, state, outputs);
        }
        Publish();
        if (_observe) _observer.BatchCompleted(Job, source.Name, batch);
    }

    /// <summary>
    /// For a source whose event time is decided upstream (<see cref="SourceRuntime.TimeFromUpstream"/>: the
    /// stateful stage of a repartitioned job), the event time it has reached: the watermark follows it
    /// (less the out-of-orderness allowed), and windows it passes close.
    /// </summary>
    public void UpstreamTimeReached(int sourceIndex, long eventTimeMs)
    {
        var source = _sources[sourceIndex];
        if (eventTimeMs <= source.MaxEventTimeMs) return;
        source.MaxEventTimeMs = eventTimeMs;
        if (!_tracksTime) return;
        AdvanceWatermark();
        Publish();
    }

    /// <summary>A bounded source is exhausted: it no longer holds the watermark back.</summary>
    public void SourceFinished(int sourceIndex)
    {
        _sources[sourceIndex].Finished = true;
        AdvanceWatermark();
        Publish();
    }

    /// <summary>End of all input: joins release their unmatched rows, every open window closes.</summary>
    public void Finish()
    {
        foreach (var s in _sources)
        {
            s.Finished = true;
        }
        _badRecords.OutputsFailed(_root.Finish(_ctx));
        _emitter.FlushSorted();
        Watermark = long.MaxValue;
        Publish();
    }

    private bool TryEventTime(SourceRuntime source, EvalContext ctx, out long eventTime) =>
        EventTime.TryRead(ctx, source.EventTimeSlot, _needsEventTime, out eventTime);

    private int AdvanceWatermark()
    {
        var min = long.MaxValue;
        foreach (var s in _sources)
        {
            if (s.Role != Planning.SourceRole.Stream || s.Finished) continue;
            var wm = s.MaxEventTimeMs == long.MinValue ? long.MinValue : s.MaxEventTimeMs - _maxOutOfOrderness;
            if (wm < min) min = wm;
        }
        if (min <= Watermark) return 0;
        Watermark = min;
        var result = _root.AdvanceWatermark(min, _ctx);
        if (result.OutputErrors is not null) _badRecords.OutputsFailed(result);
        return result.Outputs;
    }

    private void Publish()
    {
        var emitted = _emitter.Emitted;
        var (late, deadLettered) = _badRecords.TakeCounts();
        Stats.Add(_in, emitted - _publishedOut, late, deadLettered);
        _publishedOut = emitted;
        _in = 0;
        if (_measuresState) _observer.StateMeasured(Job, StateSize);
    }
}
