using System.Diagnostics;
using OpenTelemetry.Trace;
using Velostream.ServiceDefaults;

namespace Velostream.Tests.ServiceDefaults;

public sealed class SamplingTests
{
    /// <summary>
    /// The ratio sampler decides from the trace id alone, so seeded trace ids give a reproducible count.
    /// Tolerance: ±5% of the expected count (the binomial standard deviation at 20,000 roots and 25% is 0.6%).
    /// </summary>
    [Theory]
    [InlineData(0.01)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    public void New_traces_are_sampled_at_the_configured_ratio(double ratio)
    {
        const int Roots = 20_000;
        var sampler = new SamplingSettings(ratio, true, "test").CreateSampler();
        var random = new Random(42);
        Span<byte> bytes = stackalloc byte[16];

        var sampled = 0;
        for (var i = 0; i < Roots; i++)
        {
            random.NextBytes(bytes);
            var traceId = ActivityTraceId.CreateFromBytes(bytes);
            var result = sampler.ShouldSample(new SamplingParameters(default, traceId, "send market_data", ActivityKind.Producer));
            if (result.Decision == SamplingDecision.RecordAndSample)
            {
                sampled++;
            }
        }

        Assert.InRange(sampled, Roots * ratio * 0.95, Roots * ratio * 1.05);
    }

    [Fact]
    public void A_parent_decision_is_kept_whatever_the_ratio()
    {
        var sampler = new SamplingSettings(0.0, true, "test").CreateSampler();
        var traceId = ActivityTraceId.CreateRandom();
        var sampledParent = new ActivityContext(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var unsampledParent = new ActivityContext(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);

        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(new SamplingParameters(sampledParent, traceId, "process market_data", ActivityKind.Consumer)).Decision);
        Assert.Equal(SamplingDecision.Drop, new SamplingSettings(1.0, true, "test").CreateSampler()
            .ShouldSample(new SamplingParameters(unsampledParent, traceId, "process market_data", ActivityKind.Consumer)).Decision);
    }

    [Fact]
    public void A_new_trace_drawn_sampled_by_its_creator_is_recorded_and_only_inside_the_scope()
    {
        var sampler = new SamplingSettings(0.000_001, true, "test").CreateSampler();
        var traceId = ActivityTraceId.CreateFromString("7fffffffffffffffffffffffffffffff");
        var root = new SamplingParameters(default, traceId, "process market_data", ActivityKind.Consumer);
        var unsampledParent = new SamplingParameters(
            new ActivityContext(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true), traceId, "process market_data", ActivityKind.Consumer);

        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(root).Decision);
        using (HeadSampler.DrawnSampled())
        {
            Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(root).Decision);
            // A parent's decision still wins: the draw is for new traces only.
            Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(unsampledParent).Decision);
        }
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(root).Decision);
    }
}
