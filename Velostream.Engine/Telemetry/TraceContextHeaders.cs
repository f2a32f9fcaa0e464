using System.Buffers;
using System.Diagnostics;
using System.Text;
using OpenTelemetry.Context.Propagation;
using Velostream.Engine.Connectors;

namespace Velostream.Engine.Telemetry;

/// <summary>
/// W3C trace context in Kafka headers (<c>traceparent</c>, <c>tracestate</c>), read and written as bytes
/// directly: extraction runs for every consumed record, sampled or not, and must not allocate; injection runs
/// for every sampled one. Both are checked against OpenTelemetry's <see cref="TraceContextPropagator"/> in the
/// tests.
/// </summary>
internal static class TraceContextHeaders
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    // "00-" + 32 + "-" + 16 + "-" + 2
    private const int TraceParentLength = 55;

    private static readonly SearchValues<byte> LowerHexDigits = SearchValues.Create("0123456789abcdef"u8);

    /// <summary>
    /// Writes <paramref name="context"/> into <paramref name="headers"/>, replacing any previous trace context,
    /// exactly as OpenTelemetry's <see cref="TraceContextPropagator"/> would (checked in the tests), but
    /// straight into bytes: it runs twice for every sampled record.
    /// </summary>
    public static void Inject(in ActivityContext context, RecordHeaders headers)
    {
        if (context.TraceId == default || context.SpanId == default)
        {
            return;
        }
        headers.Set(TraceParent, TraceParentBytes(context));
        if (context.TraceState is { Length: > 0 } state)
        {
            headers.Set(TraceState, Encoding.UTF8.GetBytes(state));
        }
        else
        {
            // A stale tracestate from an upstream hop must not ride along with a new traceparent.
            headers.Remove(TraceState);
        }
    }

    /// <summary>
    /// Reads the trace context of a consumed record. False when there is none or it is malformed (the
    /// record then starts a new trace, as the W3C specification asks).
    /// </summary>
    public static bool TryExtract(RecordHeaders? headers, out ActivityContext context)
    {
        context = default;
        return headers?.GetLast(TraceParent) is { } traceParent && TryExtract(traceParent, headers.GetLast(TraceState), out context);
    }

    /// <summary>The same from header values kept apart from their message (a window's input sample).</summary>
    public static bool TryExtract(ReadOnlySpan<byte> traceParent, byte[]? traceState, out ActivityContext context)
    {
        context = default;
        if (!TryParseTraceParent(traceParent, out var traceId, out var spanId, out var flags))
        {
            return false;
        }
        var state = traceState is { Length: > 0 } ? Encoding.UTF8.GetString(traceState) : null;
        context = new ActivityContext(traceId, spanId, flags, state, isRemote: true);
        return true;
    }

    /// <summary>
    /// The <c>traceparent</c> value of <paramref name="context"/> (version 00, the sampled flag alone), built
    /// without string formatting.
    /// </summary>
    public static byte[] TraceParentBytes(in ActivityContext context)
    {
        var value = new byte[TraceParentLength];
        "00-"u8.CopyTo(value);
        Span<byte> id = stackalloc byte[16];
        context.TraceId.CopyTo(id);
        WriteHex(id, value.AsSpan(3, 32));
        value[35] = (byte)'-';
        context.SpanId.CopyTo(id[..8]);
        WriteHex(id[..8], value.AsSpan(36, 16));
        ((context.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "-01"u8 : "-00"u8).CopyTo(value.AsSpan(52));
        return value;
    }

    /// <summary>Writes <paramref name="context"/> as "not sampled" into <paramref name="headers"/>, without a tracestate.</summary>
    public static void InjectUnsampled(in ActivityContext context, RecordHeaders headers)
    {
        headers.Remove(TraceState);
        headers.Set(TraceParent, TraceParentBytes(new ActivityContext(context.TraceId, context.SpanId, ActivityTraceFlags.None)));
    }

    private static void WriteHex(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = (byte)"0123456789abcdef"[bytes[i] >> 4];
            destination[(2 * i) + 1] = (byte)"0123456789abcdef"[bytes[i] & 0xF];
        }
    }

    /// <summary>
    /// The sampled flag a record carries: null when it has no (valid) trace context. Cheap enough to run
    /// for every record.
    /// </summary>
    public static bool? IsSampled(RecordHeaders? headers) =>
        TryReadFlags(headers, out var flags) ? (flags & ActivityTraceFlags.Recorded) != 0 : null;

    /// <summary>
    /// The flags of a record's valid trace context, without building its ids: an <see cref="ActivityTraceId"/>
    /// and <see cref="ActivitySpanId"/> each allocate their hex string, which a record that turns out
    /// unsampled does not need.
    /// </summary>
    public static bool TryReadFlags(RecordHeaders? headers, out ActivityTraceFlags flags)
    {
        flags = ActivityTraceFlags.None;
        return headers?.GetLast(TraceParent) is { } traceParent && IsValidTraceParent(traceParent, out flags);
    }

    internal static bool TryParseTraceParent(ReadOnlySpan<byte> value, out ActivityTraceId traceId, out ActivitySpanId spanId, out ActivityTraceFlags flags)
    {
        traceId = default;
        spanId = default;
        if (!IsValidTraceParent(value, out flags))
        {
            return false;
        }
        traceId = ActivityTraceId.CreateFromUtf8String(value.Slice(3, 32));
        spanId = ActivitySpanId.CreateFromUtf8String(value.Slice(36, 16));
        return true;
    }

    private static bool IsValidTraceParent(ReadOnlySpan<byte> value, out ActivityTraceFlags flags)
    {
        flags = ActivityTraceFlags.None;

        // Exactly the 55 characters of version 00's layout, as OpenTelemetry's propagator accepts.
        if (value.Length != TraceParentLength || !IsLowerHex(value[..2]) || (value[0] == (byte)'f' && value[1] == (byte)'f'))
        {
            return false;
        }
        if (value[2] != (byte)'-' || value[35] != (byte)'-' || value[52] != (byte)'-')
        {
            return false;
        }
        var traceHex = value.Slice(3, 32);
        var spanHex = value.Slice(36, 16);
        var flagsHex = value.Slice(53, 2);
        if (!IsLowerHex(traceHex) || !IsLowerHex(spanHex) || !IsLowerHex(flagsHex) || IsAllZeros(traceHex) || IsAllZeros(spanHex))
        {
            return false;
        }
        flags = (ActivityTraceFlags)((HexValue(flagsHex[0]) << 4) | HexValue(flagsHex[1]));
        return true;
    }

    // Vectorized: a record's trace context is checked on every hop, sampled or not.
    private static bool IsLowerHex(ReadOnlySpan<byte> text) => !text.ContainsAnyExcept(LowerHexDigits);

    private static bool IsAllZeros(ReadOnlySpan<byte> text) => !text.ContainsAnyExcept((byte)'0');

    private static int HexValue(byte c) => c <= (byte)'9' ? c - '0' : c - 'a' + 10;
}
