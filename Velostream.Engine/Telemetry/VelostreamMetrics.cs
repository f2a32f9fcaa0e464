using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Telemetry;

/// <summary>
/// The engine's metrics (Meter <c>Velostream</c>). Names, units and attributes are listed with their
/// Prometheus spelling in docs/observability.md; the dashboards query exactly those. Recording costs one
/// enabled-check when nothing listens.
/// </summary>
internal sealed class VelostreamMetrics
{
    public const string RecordsConsumedName = "velostream.records.consumed";
    public const string RecordsProducedName = "velostream.records.produced";
    public const string RecordsFailedName = "velostream.records.failed";
    public const string RecordsLateName = "velostream.records.late";
    public const string RecordsDeadLetteredName = "velostream.records.dead_lettered";
    public const string ProcessingDurationName = "velostream.record.processing.duration";
    public const string ConsumerLagName = "velostream.consumer.lag";
    public const string WindowKeysName = "velostream.window.keys";
    public const string OpenWindowsName = "velostream.window.open";
    public const string BufferedJoinRowsName = "velostream.join.buffered_rows";
    public const string ActiveJobsName = "velostream.jobs.active";

    public const string JobAttribute = "velostream.job.name";
    public const string TopicAttribute = "messaging.destination.name";
    public const string ReasonAttribute = "error.type";

    // Record processing takes microseconds; the default buckets (5 ms upwards) would put everything in one.
    private static readonly double[] DurationBuckets =
        [0.000_001, 0.000_005, 0.000_01, 0.000_05, 0.000_1, 0.000_5, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5];

    private readonly Counter<long> _consumed;
    private readonly Counter<long> _produced;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _late;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<double> _processingDuration;
    private readonly UpDownCounter<long> _activeJobs;
    private readonly ConcurrentDictionary<(string Job, string Topic), Func<long>> _lag = new();
    private readonly ConcurrentDictionary<string, JobStateReading> _state = new(StringComparer.Ordinal);

    public VelostreamMetrics(Meter meter)
    {
        Meter = meter;
        _consumed = meter.CreateCounter<long>(RecordsConsumedName, "{record}", "Records read from a source by a job.");
        _produced = meter.CreateCounter<long>(RecordsProducedName, "{record}", "Records written to a sink by a job.");
        _failed = meter.CreateCounter<long>(RecordsFailedName, "{record}", "Records that failed to decode or evaluate, by reason (error.type).");
        _late = meter.CreateCounter<long>(RecordsLateName, "{record}", "Records that arrived behind the watermark.");
        _deadLettered = meter.CreateCounter<long>(RecordsDeadLetteredName, "{record}", "Records sent to a dead-letter destination.");
        _processingDuration = meter.CreateHistogram(ProcessingDurationName, "s", "Time a job spends on one input record.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _activeJobs = meter.CreateUpDownCounter<long>(ActiveJobsName, "{job}", "Jobs currently running.");
        meter.CreateObservableGauge(ConsumerLagName, ObserveLag, "{record}", "Records in a source topic not yet consumed by a job.");
        meter.CreateObservableGauge(WindowKeysName, () => ObserveState(static s => s.GroupKeys), "{key}",
            "Groups held in a job's window or GROUP BY state: one per key in each open window or session.");
        meter.CreateObservableGauge(OpenWindowsName, () => ObserveState(static s => s.OpenWindows), "{window}", "Windows or sessions open (not yet closed) in a job's state.");
        meter.CreateObservableGauge(BufferedJoinRowsName, () => ObserveState(static s => s.BufferedJoinRows), "{row}",
            "Rows an interval join holds while they can still meet a partner.");
    }

    public Meter Meter { get; }

    public void RecordsConsumed(string job, string topic, long count) => AddCounted(_consumed, job, topic, count);

    public void RecordsProduced(string job, string topic, long count) => AddCounted(_produced, job, topic, count);

    public void RecordsLate(string job, string topic, long count) => AddCounted(_late, job, topic, count);

    public void RecordsDeadLettered(string job, string topic, long count) => AddCounted(_deadLettered, job, topic, count);

    /// <param name="reason">A short, low-cardinality reason such as <c>decode_error</c> or <c>evaluation_error</c>.</param>
    public void RecordFailed(string job, string topic, string reason)
    {
        if (_failed.Enabled)
        {
            _failed.Add(1, new TagList { { JobAttribute, job }, { TopicAttribute, topic }, { ReasonAttribute, reason } });
        }
    }

    /// <summary>False when nothing collects the processing-duration histogram: then records need not be timed at all.</summary>
    public bool MeasuresProcessingDuration => _processingDuration.Enabled;

    /// <summary>
    /// One record's processing time. Call it while the record's span is current: the trace-based exemplar
    /// filter then keeps its trace id on the bucket.
    /// </summary>
    public void ProcessingDuration(string job, double seconds)
    {
        if (_processingDuration.Enabled)
        {
            _processingDuration.Record(seconds, new KeyValuePair<string, object?>(JobAttribute, job));
        }
    }

    public void JobStarted(string job) => _activeJobs.Add(1, new KeyValuePair<string, object?>(JobAttribute, job));

    public void JobStopped(string job)
    {
        _activeJobs.Add(-1, new KeyValuePair<string, object?>(JobAttribute, job));
        foreach (var key in _lag.Keys)
        {
            if (key.Job == job)
            {
                _lag.TryRemove(key, out _);
            }
        }
        _state.TryRemove(job, out _);
    }

    /// <summary>
    /// Reports a source's lag (records behind the high watermarks of its assigned partitions) whenever
    /// metrics are collected, until the job stops: read on the exporter's schedule, not per record.
    /// </summary>
    public void TrackConsumerLag(string job, string topic, Func<long> lag) => _lag[(job, topic)] = lag;

    /// <summary>
    /// The latest size of a job's state (measured by its executor once per batch), reported whenever metrics
    /// are collected until the job stops. Counts the job does not hold are not reported at all.
    /// </summary>
    public void StateMeasured(string job, in JobStateSize size) => _state.GetOrAdd(job, static _ => new JobStateReading()).Update(size);

    private static void AddCounted(Counter<long> counter, string job, string topic, long count)
    {
        if (count != 0 && counter.Enabled)
        {
            counter.Add(count, new KeyValuePair<string, object?>(JobAttribute, job), new KeyValuePair<string, object?>(TopicAttribute, topic));
        }
    }

    private IEnumerable<Measurement<long>> ObserveLag()
    {
        foreach (var ((job, topic), lag) in _lag)
        {
            long value;
            try
            {
                value = lag();
            }
            catch (ObjectDisposedException)
            {
                // The source closed between the job stopping and this collection.
                continue;
            }
            yield return new Measurement<long>(Math.Max(0, value),
                new KeyValuePair<string, object?>(JobAttribute, job), new KeyValuePair<string, object?>(TopicAttribute, topic));
        }
    }

    private IEnumerable<Measurement<long>> ObserveState(Func<JobStateReading, long?> pick)
    {
        foreach (var (job, state) in _state)
        {
            if (pick(state) is { } value)
            {
                yield return new Measurement<long>(value, new KeyValuePair<string, object?>(JobAttribute, job));
            }
        }
    }
}
