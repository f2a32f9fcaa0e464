using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Lineage;
using Velostream.ServiceDefaults;

namespace Velostream.Engine.Telemetry;

/// <summary>
/// Starts the spans of Velostream's span model (docs/observability.md):
/// <list type="bullet">
/// <item><c>send &lt;topic&gt;</c> PRODUCER, its context injected into the message headers;</item>
/// <item><c>data_ingestion</c> per polled batch holding sampled records, in their traces;</item>
/// <item><c>process &lt;topic&gt;</c> CONSUMER per record: child of the producer span found in the headers (so
/// Tempo's service graph pairs them) and linked to it (as the messaging conventions ask);</item>
/// <item><c>sql_query:&lt;operation&gt;</c> for a job's work on a record;</item>
/// <item>a <c>sql_query:&lt;operation&gt;</c> span per window or join output, linked to a bounded sample of
/// contributing inputs.</item>
/// </list>
/// Every method returns null, having allocated nothing, when no listener is attached or the record is not
/// sampled; callers pass the (possibly null) activity on without checking.
/// </summary>
internal sealed class RecordTracer
{
    public const string IngestionSpanName = "data_ingestion";
    public const string QuerySpanPrefix = "sql_query:";
    public const int DefaultMaxLinks = 32;

    private readonly SpanNames _sendNames = new("send ");
    private readonly SpanNames _processNames = new("process ");
    private readonly SpanNames _queryNames = new(QuerySpanPrefix);
    private readonly Func<SamplingSettings> _sampling;

    // The last header list on this thread found to say "not sampled" under a parent-based sampler, and by
    // which tracer: the same record's outputs and their send spans need not read it again (header lists handed
    // on are never changed).
    [ThreadStatic]
    private static RecordHeaders? t_unsampledHeaders;
    [ThreadStatic]
    private static RecordTracer? t_unsampledBy;

    /// <param name="sampling">
    /// The sampling the source's tracer provider was built with (<see cref="SamplingSettings.CreateSampler"/>).
    /// Default: what the service defaults configured (<see cref="SamplingSettings.InForce"/>) for the Velostream
    /// source, the SDK's default (parent-based, always on) for any other.
    /// </param>
    public RecordTracer(ActivitySource source, int maxLinks = DefaultMaxLinks, SamplingSettings? sampling = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLinks);
        Source = source;
        MaxLinks = maxLinks;
        _sampling = sampling is not null ? () => sampling
            : source.Name == TelemetryNames.ActivitySource ? static () => SamplingSettings.InForce
            : static () => SamplingSettings.Default;
    }

    public ActivitySource Source { get; }

    /// <summary>Upper bound on links from one window or join output span to its inputs.</summary>
    public int MaxLinks { get; }

    /// <summary>False when tracing is off: nothing listens to the source, and every Start* returns null at once.</summary>
    public bool IsEnabled => Source.HasListeners();

    /// <summary>
    /// A PRODUCER span for one message about to be sent to <paramref name="topic"/>. Its parent is
    /// <paramref name="parent"/> when given, else the trace context already in <paramref name="headers"/> (the
    /// engine's observer puts the record's query span there, the dead-letter writer the failed record's
    /// context), else the current activity; without any, the message starts a trace. The new span's context
    /// goes into a copy of the headers (the caller's instance is never changed). A message that is not sampled
    /// and starts a trace here gets an unsampled context, so that consumers keep the decision.
    /// </summary>
    public Activity? StartSend(string topic, ReadOnlySpan<byte> key, ref RecordHeaders? headers, Activity? parent = null)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        ActivityContext parentContext;
        if (parent is not null)
        {
            parentContext = parent.Context;
        }
        else if (KeepsUnsampled(headers))
        {
            // The headers already say "not sampled" and the sampler would only agree: no span, and the
            // headers travel on unchanged.
            return null;
        }
        else if (!TraceContextHeaders.TryExtract(headers, out parentContext))
        {
            parentContext = Activity.Current?.Context ?? default;
        }
        var draw = parentContext == default ? DrawNewTrace() : NewTraceDraw.AskSampler;
        if (draw == NewTraceDraw.Unsampled)
        {
            headers = headers is null ? [] : new RecordHeaders(headers);
            TraceContextHeaders.InjectUnsampled(NewUnsampledContext(), headers);
            return null;
        }
        var name = _sendNames.For(topic);
        // Created, not started: an unsampled one (the SDK hands out a non-recording activity that carries the
        // decision) is dropped without ever becoming current or being stopped.
        var activity = draw == NewTraceDraw.Sampled
            ? CreateDrawnSampled(name, ActivityKind.Producer)
            : Source.CreateActivity(name, ActivityKind.Producer, parentContext);
        if (activity is not { Recorded: true })
        {
            // An activity that never started has no ids: the unsampled context continues the parent's trace.
            var unsampled = parentContext == default ? NewUnsampledContext()
                : activity is null ? default
                : new ActivityContext(parentContext.TraceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, parentContext.TraceState);
            if (unsampled != default)
            {
                headers = headers is null ? [] : new RecordHeaders(headers);
                TraceContextHeaders.InjectUnsampled(unsampled, headers);
            }
            return null;
        }
        activity.Start();
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(SpanAttributes.MessagingSystem, SpanAttributes.MessagingSystemKafka);
            activity.SetTag(SpanAttributes.MessagingDestinationName, topic);
            activity.SetTag(SpanAttributes.MessagingOperationType, "send");
            activity.SetTag(SpanAttributes.MessagingOperationName, "send");
            SetKey(activity, key);
        }
        headers = headers is null ? [] : new RecordHeaders(headers);
        TraceContextHeaders.Inject(activity.Context, headers);
        return activity;
    }

    /// <summary>
    /// True when <paramref name="headers"/> say "not sampled", which the sampler would only follow: nothing
    /// carrying them is recorded, and they travel on unchanged. Read once per list on a thread: the answer
    /// for the last list found unsampled is remembered.
    /// </summary>
    public bool KeepsUnsampled([NotNullWhen(true)] RecordHeaders? headers)
    {
        if (headers is null)
        {
            return false;
        }
        if (ReferenceEquals(headers, t_unsampledHeaders) && ReferenceEquals(this, t_unsampledBy))
        {
            return true;
        }
        if (!TraceContextHeaders.TryReadFlags(headers, out var flags) || (flags & ActivityTraceFlags.Recorded) != 0 || !_sampling().ParentBased)
        {
            return false;
        }
        Remember(headers);
        return true;
    }

    /// <summary>
    /// Remembers that <paramref name="headers"/> (never to be changed again) say "not sampled", so that
    /// <see cref="KeepsUnsampled"/> answers for them at once on this thread. Only under a parent-based sampler:
    /// any other decides each span afresh.
    /// </summary>
    public void NoteUnsampled(RecordHeaders headers)
    {
        if (_sampling().ParentBased)
        {
            Remember(headers);
        }
    }

    private void Remember(RecordHeaders unsampled)
    {
        t_unsampledHeaders = unsampled;
        t_unsampledBy = this;
    }

    /// <summary>
    /// The span for one polled batch, part of the traces of the records in it: recorded only when the batch
    /// holds at least one record that arrived sampled, as a child of the first such record's producer span and
    /// linked to up to <see cref="MaxLinks"/> of them. A batch of unsampled records (or of records whose trace
    /// starts here) records nothing, so at 1% sampling the trace list is not filled with batches.
    /// </summary>
    public Activity? StartIngestion(string topic, SourceBatch batch, string? consumerGroup = null, string? jobName = null)
    {
        if (!Source.HasListeners() || batch.Count == 0)
        {
            return null;
        }
        ActivityContext parentContext = default;
        List<ActivityLink>? links = null;
        var sampled = 0;
        var records = batch.Records;
        for (var i = 0; i < records.Length; i++)
        {
            // Flags first: an unsampled record's ids are never parsed.
            var headers = records[i].Headers;
            if (!TraceContextHeaders.TryReadFlags(headers, out var flags) || (flags & ActivityTraceFlags.Recorded) == 0
                || !TraceContextHeaders.TryExtract(headers, out var context))
            {
                continue;
            }
            sampled++;
            if (parentContext == default)
            {
                parentContext = context;
            }
            links ??= [];
            if (links.Count < MaxLinks)
            {
                links.Add(new ActivityLink(context));
            }
        }
        if (sampled == 0)
        {
            return null;
        }
        var activity = Source.StartActivity(IngestionSpanName, ActivityKind.Internal, parentContext, links: links);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(SpanAttributes.MessagingSystem, SpanAttributes.MessagingSystemKafka);
            activity.SetTag(SpanAttributes.MessagingDestinationName, topic);
            activity.SetTag(SpanAttributes.MessagingOperationType, "receive");
            activity.SetTag(SpanAttributes.MessagingOperationName, "receive");
            activity.SetTag(SpanAttributes.MessagingBatchMessageCount, batch.Count);
            activity.SetTag(SpanAttributes.SampledRecords, sampled);
            activity.SetTag(SpanAttributes.LinkedRecords, links!.Count);
            if (consumerGroup is not null)
            {
                activity.SetTag(SpanAttributes.MessagingConsumerGroupName, consumerGroup);
            }
            if (jobName is not null)
            {
                activity.SetTag(SpanAttributes.JobName, jobName);
            }
        }
        return activity;
    }

    /// <summary>
    /// The CONSUMER span for one consumed record: child of the producer span in its headers, plus a link
    /// to it. A record without trace context starts a new trace (sampled by ratio). Several jobs reading one
    /// topic each process the record: <paramref name="jobName"/> and <paramref name="consumerGroup"/> tell their
    /// spans apart (the name stays <c>process &lt;topic&gt;</c>, as the messaging conventions ask).
    /// </summary>
    public Activity? StartProcess(in SourceRecord record, string? consumerGroup = null, string? jobName = null) =>
        Source.HasListeners() ? StartListenedProcess(record, consumerGroup, jobName) : null;

    // Apart from the check above, so that a job without tracing runs (and the JIT compiles) only the check per record.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Activity? StartListenedProcess(in SourceRecord record, string? consumerGroup, string? jobName)
    {
        var topic = record.Topic ?? "";
        if (KeepsUnsampled(record.Headers))
        {
            return null;
        }
        var hasParent = TraceContextHeaders.TryExtract(record.Headers, out var parentContext);
        var draw = hasParent ? NewTraceDraw.AskSampler : DrawNewTrace();
        if (draw == NewTraceDraw.Unsampled)
        {
            // The observer marks the outputs of this record unsampled itself.
            return null;
        }
        // Created, not started, so that an unsampled one is dropped without becoming current or being stopped.
        var name = _processNames.For(topic);
        var activity = draw == NewTraceDraw.Sampled
            ? CreateDrawnSampled(name, ActivityKind.Consumer)
            : Source.CreateActivity(name, ActivityKind.Consumer, parentContext);
        if (activity is null)
        {
            return null;
        }
        if (!activity.Recorded && !(hasParent && (parentContext.TraceFlags & ActivityTraceFlags.Recorded) != 0))
        {
            // Not sampled: nothing below it would be recorded either. The observer marks the record's outputs
            // unsampled itself (its input had no context, or one that already says so). Only a sampled parent
            // overruled by a non-parent-based sampler keeps its activity, whose context then says "not sampled".
            return null;
        }
        activity.Start();
        if (hasParent)
        {
            activity.AddLink(new ActivityLink(parentContext));
        }
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(SpanAttributes.MessagingSystem, SpanAttributes.MessagingSystemKafka);
            activity.SetTag(SpanAttributes.MessagingDestinationName, topic);
            activity.SetTag(SpanAttributes.MessagingOperationType, "process");
            activity.SetTag(SpanAttributes.MessagingOperationName, "process");
            activity.SetTag(SpanAttributes.MessagingDestinationPartitionId, record.Partition.ToString(CultureInfo.InvariantCulture));
            activity.SetTag(SpanAttributes.MessagingKafkaOffset, record.Offset);
            if (consumerGroup is not null)
            {
                activity.SetTag(SpanAttributes.MessagingConsumerGroupName, consumerGroup);
            }
            if (jobName is not null)
            {
                activity.SetTag(SpanAttributes.JobName, jobName);
            }
            SetKey(activity, record.Key.Span);
        }
        return activity;
    }

    /// <summary>
    /// A job's work on one record, child of <paramref name="parent"/> (default: the current activity, the
    /// record's <c>process</c> span). Not started for unsampled records: it has no sampled parent.
    /// </summary>
    public Activity? StartQuery(string operation, string jobName, string? appName, string queryText, Activity? parent = null)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        var parentContext = (parent ?? Activity.Current)?.Context ?? default;
        if (parentContext == default)
        {
            // Query spans hang under a record's span; without one there is nothing to attach them to.
            return null;
        }
        var activity = Source.StartActivity(_queryNames.For(operation), ActivityKind.Internal, parentContext);
        SetQueryTags(activity, operation, jobName, appName, queryText);
        return activity;
    }

    /// <summary>
    /// The span for one window or join output, linked to up to <see cref="MaxLinks"/> contributing inputs.
    /// It continues the trace of the first sampled contributor, so a sampled record can be followed into the
    /// aggregate and on to the consumers of its result. When every contributor with a trace context was
    /// unsampled, nothing is recorded and <paramref name="outputHeaders"/> get that unsampled context.
    /// </summary>
    /// <param name="contributors">The bounded sample of contributing inputs the operator kept.</param>
    public Activity? StartAggregateOutput(
        string operation, string jobName, string? appName, string queryText,
        LineageSample contributors, ref RecordHeaders? outputHeaders)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        ActivityContext parentContext = default;
        ActivityContext firstUnsampled = default;
        List<ActivityLink>? links = null;
        var items = contributors.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].TraceParent is not { } traceParent || !TraceContextHeaders.TryExtract(traceParent, items[i].TraceState, out var context))
            {
                continue;
            }
            if ((context.TraceFlags & ActivityTraceFlags.Recorded) == 0)
            {
                if (firstUnsampled == default)
                {
                    firstUnsampled = context;
                }
                continue;
            }
            if (parentContext == default)
            {
                parentContext = context;
            }
            links ??= [];
            if (links.Count < MaxLinks)
            {
                links.Add(new ActivityLink(context));
            }
        }

        if (parentContext == default && firstUnsampled != default)
        {
            outputHeaders = outputHeaders is null ? [] : new RecordHeaders(outputHeaders);
            TraceContextHeaders.Inject(firstUnsampled, outputHeaders);
            return null;
        }

        var activity = Source.StartActivity(_queryNames.For(operation), ActivityKind.Internal, parentContext, links: links);
        if (activity is null)
        {
            return null;
        }
        SetQueryTags(activity, operation, jobName, appName, queryText);
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(SpanAttributes.ContributingInputs, contributors.TotalInputs);
            activity.SetTag(SpanAttributes.LinkedInputs, links?.Count ?? 0);
        }
        outputHeaders = outputHeaders is null ? [] : new RecordHeaders(outputHeaders);
        TraceContextHeaders.Inject(activity.Context, outputHeaders);
        return activity;
    }

    /// <summary>Records in and out of a job's work, set when the work is done.</summary>
    public static void SetRecordCounts(Activity? activity, long recordsIn, long recordsOut)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(SpanAttributes.RecordsIn, recordsIn);
            activity.SetTag(SpanAttributes.RecordsOut, recordsOut);
        }
    }

    /// <summary>
    /// Marks a span failed: status ERROR with <paramref name="message"/>, <c>error.type</c>, and an
    /// <c>exception</c> event (from <paramref name="exception"/> when there is one, from the type and message
    /// otherwise, e.g. for a record that did not decode).
    /// </summary>
    public static void RecordFailure(Activity? activity, string errorType, string message, Exception? exception = null)
    {
        if (activity is null)
        {
            return;
        }
        activity.SetStatus(ActivityStatusCode.Error, message);
        activity.SetTag(SpanAttributes.ErrorType, errorType);
        if (exception is not null)
        {
            activity.AddException(exception);
        }
        else
        {
            activity.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
            {
                ["exception.type"] = errorType,
                ["exception.message"] = message,
            }));
        }
    }

    private static void SetQueryTags(Activity? activity, string operation, string jobName, string? appName, string queryText)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }
        activity.SetTag(SpanAttributes.DbSystemName, SpanAttributes.DbSystemVelostream);
        activity.SetTag(SpanAttributes.DbOperationName, operation);
        activity.SetTag(SpanAttributes.DbQueryText, queryText);
        activity.SetTag(SpanAttributes.JobName, jobName);
        if (appName is not null)
        {
            activity.SetTag(SpanAttributes.AppName, appName);
        }
    }

    private static void SetKey(Activity activity, ReadOnlySpan<byte> key)
    {
        if (!key.IsEmpty && System.Text.Unicode.Utf8.IsValid(key))
        {
            activity.SetTag(SpanAttributes.MessagingKafkaMessageKey, Encoding.UTF8.GetString(key));
        }
    }

    /// <summary>How a span that starts a new trace is decided.</summary>
    private enum NewTraceDraw
    {
        /// <summary>Not sampled: no span is created at all.</summary>
        Unsampled,

        /// <summary>Drawn "sampled" here: created under <see cref="HeadSampler.DrawnSampled"/>.</summary>
        Sampled,

        /// <summary>Every new trace is sampled (or the span has a parent): the SDK's sampler decides as usual.</summary>
        AskSampler,
    }

    /// <summary>
    /// Draws the decision for a new trace at the sampling ratio instead of asking the SDK, which would create
    /// a span object for every record only to learn that it is not sampled (most of them, at 1%).
    /// </summary>
    private NewTraceDraw DrawNewTrace()
    {
        var ratio = _sampling().Ratio;
        return ratio switch
        {
            <= 0.0 => NewTraceDraw.Unsampled,
            >= 1.0 => NewTraceDraw.AskSampler,
            _ => Random.Shared.NextDouble() < ratio ? NewTraceDraw.Sampled : NewTraceDraw.Unsampled,
        };
    }

    private Activity? CreateDrawnSampled(string name, ActivityKind kind)
    {
        using var drawn = HeadSampler.DrawnSampled();
        return Source.CreateActivity(name, kind, parentContext: default);
    }

    internal static ActivityContext NewUnsampledContext() =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, traceState: null, isRemote: false);
}
