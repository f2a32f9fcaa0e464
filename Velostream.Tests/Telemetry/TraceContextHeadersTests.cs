using System.Diagnostics;
using System.Text;
using OpenTelemetry.Context.Propagation;
using Velostream.Engine.Connectors;
using Velostream.Engine.Telemetry;

namespace Velostream.Tests.Telemetry;

public sealed class TraceContextHeadersTests
{
    [Fact]
    public void Injected_context_is_written_as_w3c_headers_and_extracted_back()
    {
        var context = new ActivityContext(
            ActivityTraceId.CreateFromString("4bf92f3577b34da6a3ce929d0e0e4736"),
            ActivitySpanId.CreateFromString("00f067aa0ba902b7"),
            ActivityTraceFlags.Recorded,
            traceState: "vendor=value");
        var headers = new RecordHeaders { new("source", "feed"u8.ToArray()) };

        TraceContextHeaders.Inject(context, headers);

        Assert.Equal("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", Encoding.UTF8.GetString(headers.GetLast("traceparent")!));
        Assert.Equal("vendor=value", Encoding.UTF8.GetString(headers.GetLast("tracestate")!));
        Assert.Equal("feed", Encoding.UTF8.GetString(headers.GetLast("source")!));
        Assert.True(TraceContextHeaders.TryExtract(headers, out var extracted));
        Assert.Equal(context.TraceId, extracted.TraceId);
        Assert.Equal(context.SpanId, extracted.SpanId);
        Assert.Equal(ActivityTraceFlags.Recorded, extracted.TraceFlags);
        Assert.Equal("vendor=value", extracted.TraceState);
        Assert.True(extracted.IsRemote);
    }

    [Theory]
    [InlineData(ActivityTraceFlags.Recorded, null)]
    [InlineData(ActivityTraceFlags.None, null)]
    [InlineData(ActivityTraceFlags.Recorded, "vendor=value,other=1")]
    [InlineData(ActivityTraceFlags.None, "")]
    public void Injection_writes_what_the_OpenTelemetry_propagator_writes(ActivityTraceFlags flags, string? traceState)
    {
        for (var i = 0; i < 50; i++)
        {
            var context = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), flags, traceState);
            var expected = new Dictionary<string, string>();
            new TraceContextPropagator().Inject(new PropagationContext(context, default), expected, static (carrier, name, value) => carrier[name] = value);
            var headers = new RecordHeaders();

            TraceContextHeaders.Inject(context, headers);

            Assert.Equal(expected.OrderBy(h => h.Key), headers.Select(h => KeyValuePair.Create(h.Key, Encoding.UTF8.GetString(h.Value))).OrderBy(h => h.Key));
        }
    }

    [Fact]
    public void Injecting_replaces_an_upstream_context_and_drops_its_stale_tracestate()
    {
        var headers = new RecordHeaders
        {
            new("traceparent", "00-11111111111111111111111111111111-2222222222222222-01"u8.ToArray()),
            new("tracestate", "upstream=1"u8.ToArray()),
        };
        var context = new ActivityContext(ActivityTraceId.CreateFromString("4bf92f3577b34da6a3ce929d0e0e4736"), ActivitySpanId.CreateFromString("00f067aa0ba902b7"), ActivityTraceFlags.None);

        TraceContextHeaders.Inject(context, headers);

        Assert.Equal(["traceparent"], headers.Select(h => h.Key));
        Assert.Equal("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", Encoding.UTF8.GetString(headers[0].Value));
        Assert.False(TraceContextHeaders.IsSampled(headers));
    }

    [Theory]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03")]
    [InlineData("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")]
    [InlineData("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [InlineData("00-00000000000000000000000000000000-00f067aa0ba902b7-01")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")]
    [InlineData("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7")]
    [InlineData("00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bz-01")]
    [InlineData("")]
    public void Extraction_agrees_with_the_opentelemetry_propagator(string traceParent)
    {
        var headers = new RecordHeaders { new("traceparent", Encoding.UTF8.GetBytes(traceParent)) };
        var expected = new TraceContextPropagator().Extract(default, headers,
            static (h, name) => h.GetLast(name) is { } value ? [Encoding.UTF8.GetString(value)] : []).ActivityContext;

        var found = TraceContextHeaders.TryExtract(headers, out var actual);

        Assert.Equal(expected != default, found);
        Assert.Equal(expected.TraceId, actual.TraceId);
        Assert.Equal(expected.SpanId, actual.SpanId);
        Assert.Equal(expected.TraceFlags, actual.TraceFlags);
        // Reading the flags alone (no ids built) accepts and rejects exactly the same values.
        Assert.Equal(found, TraceContextHeaders.TryReadFlags(headers, out var flags));
        Assert.Equal(expected.TraceFlags, flags);
    }

    [Fact]
    public void Records_without_headers_have_no_context()
    {
        Assert.False(TraceContextHeaders.TryExtract(null, out _));
        Assert.False(TraceContextHeaders.TryExtract([], out _));
        Assert.Null(TraceContextHeaders.IsSampled(null));
    }
}
