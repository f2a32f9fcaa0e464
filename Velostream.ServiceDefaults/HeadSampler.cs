using OpenTelemetry.Trace;

namespace Velostream.ServiceDefaults;

/// <summary>
/// Decides the traces that start in this service: a share <see cref="Ratio"/> of them, chosen from the trace
/// id as OpenTelemetry's ratio sampler does, except for a span whose creator already drew the decision
/// "sampled" (<see cref="DrawnSampled"/>), which is recorded. The engine draws the decision itself for every
/// record that arrives without a trace context, so that the records not sampled never reach the SDK (asking
/// it costs a span object per record, sampled or not); the few drawn "sampled" must then not be drawn again.
/// </summary>
public sealed class HeadSampler : Sampler
{
    [ThreadStatic]
    private static bool t_drawnSampled;

    private static readonly SamplingResult Sampled = new(SamplingDecision.RecordAndSample);

    private readonly Sampler _byTraceId;

    public HeadSampler(double ratio)
    {
        Ratio = ratio;
        _byTraceId = ratio switch
        {
            >= 1.0 => new AlwaysOnSampler(),
            <= 0.0 => new AlwaysOffSampler(),
            _ => new TraceIdRatioBasedSampler(ratio),
        };
        Description = $"HeadSampler{{{_byTraceId.Description}}}";
    }

    /// <summary>The share of new traces recorded.</summary>
    public double Ratio { get; }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        t_drawnSampled ? Sampled : _byTraceId.ShouldSample(samplingParameters);

    /// <summary>
    /// Until the scope is disposed, a new trace started on this thread is recorded: its creator drew "sampled"
    /// at <see cref="Ratio"/> already. Create exactly that one root span inside the scope.
    /// </summary>
    public static DrawnScope DrawnSampled()
    {
        t_drawnSampled = true;
        return default;
    }

    /// <summary>Ends <see cref="DrawnSampled"/>.</summary>
    public readonly struct DrawnScope : IDisposable
    {
        public void Dispose() => t_drawnSampled = false;
    }
}
