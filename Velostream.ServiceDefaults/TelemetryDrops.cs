using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;

namespace Velostream.ServiceDefaults;

/// <summary>
/// Everything the telemetry pipeline loses, counted per signal and reason and reported two ways: the
/// <c>velostream.telemetry.dropped</c> counter (exported with the other metrics) and a warning in the
/// service's log, at most one per signal every <see cref="WarningInterval"/>, naming the cause. Without it a
/// trace missing its engine spans cannot be told from one that was never recorded.
/// </summary>
/// <remarks>
/// Reasons: <c>queue_full</c> (a batch processor's queue was full when a span or log record ended: the
/// exporter falls behind), <c>timeout</c> (the receiver did not answer within the export timeout) and
/// <c>export_failed</c> (it refused the data or could not be reached). Items are spans, log records and
/// metric streams of one export.
/// </remarks>
public sealed partial class TelemetryDrops : IDisposable
{
    public const string DroppedName = "velostream.telemetry.dropped";
    public const string SignalAttribute = "signal";
    public const string ReasonAttribute = "reason";

    public const string Traces = "traces";
    public const string Metrics = "metrics";
    public const string Logs = "logs";

    public const string QueueFull = "queue_full";
    public const string Timeout = "timeout";
    public const string ExportFailed = "export_failed";

    private static readonly string[] Reasons = [QueueFull, Timeout, ExportFailed];

    private readonly ILogger _logger;
    private readonly Meter _meter;
    private readonly ConcurrentDictionary<(string Signal, string Reason), Tally> _tallies = new();
    private readonly ConcurrentDictionary<string, Warned> _warned = new(StringComparer.Ordinal);
    private readonly List<WatchedQueue> _queues = [];
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private readonly TimeProvider _time;

    public TelemetryDrops(ILogger<TelemetryDrops> logger) : this(logger, TimeSpan.FromSeconds(30), TimeProvider.System)
    {
    }

    internal TelemetryDrops(ILogger logger, TimeSpan warningInterval, TimeProvider time)
    {
        _logger = logger;
        _time = time;
        WarningInterval = warningInterval;
        _meter = new Meter(TelemetryNames.Meter);
        _meter.CreateObservableCounter(DroppedName, Observe, "{item}",
            "Telemetry items (spans, log records, metric streams) lost before reaching a receiver, by signal and reason.");
        // Queue drops are only visible as a counter inside the SDK's processors: look at them once a second.
        _timer = new Timer(_ => Poll(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>At most one warning per signal in this interval; the next one reports everything dropped meanwhile.</summary>
    public TimeSpan WarningInterval { get; }

    /// <summary>Items of <paramref name="signal"/> dropped so far for <paramref name="reason"/>.</summary>
    public long Dropped(string signal, string reason)
    {
        Poll();
        return _tallies.TryGetValue((signal, reason), out var tally) ? Interlocked.Read(ref tally.Total) : 0;
    }

    /// <summary>An export of <paramref name="items"/> items failed for good (after the exporter's own retries).</summary>
    public void ExportFailure(string signal, string reason, long items, string destination, string cause)
    {
        Add(signal, reason, items, $"{cause} (exporting to {destination})");
        Poll();
    }

    /// <summary>Counts what <paramref name="processor"/> drops because its queue is full.</summary>
    internal void Watch<T>(string signal, BatchExportProcessor<T> processor) where T : class
    {
        var dropped = QueueDrops.For(processor);
        lock (_gate)
        {
            _queues.Add(new WatchedQueue(signal, dropped));
        }
        TallyOf(signal, QueueFull);
    }

    private Tally TallyOf(string signal, string reason) => _tallies.GetOrAdd((signal, reason), static _ => new Tally());

    private void Add(string signal, string reason, long items, string cause)
    {
        var tally = TallyOf(signal, reason);
        Interlocked.Add(ref tally.Total, items);
        lock (_gate)
        {
            tally.Pending += items;
            tally.LastCause = cause;
        }
    }

    /// <summary>Takes in queue drops and writes the warnings that are due.</summary>
    internal void Poll()
    {
        List<(string Signal, string Details, string Cause)>? warnings = null;
        lock (_gate)
        {
            foreach (var queue in _queues)
            {
                var now = queue.Dropped();
                if (now > queue.Seen)
                {
                    var tally = TallyOf(queue.Signal, QueueFull);
                    var added = now - queue.Seen;
                    queue.Seen = now;
                    Interlocked.Add(ref tally.Total, added);
                    tally.Pending += added;
                    tally.LastCause = "the export queue was full: spans or log records end faster than the exporter sends them";
                }
            }
            var at = _time.GetTimestamp();
            foreach (var group in _tallies.Where(t => t.Value.Pending > 0).GroupBy(t => t.Key.Signal))
            {
                var warned = _warned.GetOrAdd(group.Key, static _ => new Warned());
                if (warned.At != 0 && _time.GetElapsedTime(warned.At, at) < WarningInterval)
                {
                    continue;
                }
                var byReason = group.OrderBy(t => t.Key.Reason, StringComparer.Ordinal).ToList();
                var details = string.Join(", ", byReason.Select(t => $"{t.Value.Pending.ToString(CultureInfo.InvariantCulture)} {t.Key.Reason}"));
                var cause = string.Join("; ", byReason.Select(t => t.Value.LastCause).Where(c => c is not null).Distinct());
                foreach (var (_, tally) in group)
                {
                    tally.Pending = 0;
                }
                warned.At = at;
                (warnings ??= []).Add((group.Key, details, cause));
            }
        }
        foreach (var (signal, details, cause) in warnings ?? [])
        {
            LogDropped(_logger, signal, details, cause, WarningInterval.TotalSeconds);
        }
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        Poll();
        foreach (var ((signal, reason), tally) in _tallies)
        {
            yield return new Measurement<long>(Interlocked.Read(ref tally.Total),
                new KeyValuePair<string, object?>(SignalAttribute, signal), new KeyValuePair<string, object?>(ReasonAttribute, reason));
        }
    }

    /// <summary>Reports zero for every reason of a signal that is exported, so that a dashboard shows 0 rather than no data.</summary>
    internal void Exporting(string signal)
    {
        foreach (var reason in Reasons)
        {
            TallyOf(signal, reason);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Poll();
        _meter.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telemetry dropped: {Signal}: {Details}. Cause: {Cause}. Counted in velostream.telemetry.dropped; this warning repeats at most every {IntervalSeconds} s while drops continue.")]
    private static partial void LogDropped(ILogger logger, string signal, string details, string cause, double intervalSeconds);

    private sealed class Tally
    {
        public long Total;
        public long Pending;
        public string? LastCause;
    }

    private sealed class Warned
    {
        public long At;
    }

    /// <summary>A batch processor's drop count, and how much of it is already counted here.</summary>
    private sealed class WatchedQueue(string signal, Func<long> dropped)
    {
        public string Signal { get; } = signal;
        public Func<long> Dropped { get; } = dropped;
        public long Seen;
    }

    /// <summary>
    /// The SDK counts what a batch processor drops but keeps the count internal (it only reports it in a
    /// diagnostic event at shutdown). Read through reflection, checked by a test that fills a queue.
    /// </summary>
    private static class QueueDrops
    {
        public static Func<long> For<T>(BatchExportProcessor<T> processor) where T : class
        {
            var property = typeof(BatchExportProcessor<T>).GetProperty("DroppedCount", BindingFlags.Instance | BindingFlags.NonPublic)
                ?? throw new InvalidOperationException("OpenTelemetry's BatchExportProcessor no longer has DroppedCount: queue drops cannot be counted with this SDK version.");
            var getter = property.GetGetMethod(nonPublic: true)!.CreateDelegate<Func<BatchExportProcessor<T>, long>>();
            return () => getter(processor);
        }
    }
}
