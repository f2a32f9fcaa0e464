using OpenTelemetry.Trace;

namespace Velostream.ServiceDefaults;

/// <summary>
/// The head sampler in force. <see cref="Ratio"/> applies to traces that start in this service; with
/// <see cref="ParentBased"/> a record that arrives with a trace context keeps its upstream decision, which
/// is what keeps one record's trace whole across feed, engine and monitor.
/// </summary>
public sealed record SamplingSettings(double Ratio, bool ParentBased, string Source)
{
    public static readonly SamplingSettings Default = new(1.0, true, "default");

    private static volatile SamplingSettings s_inForce = Default;

    /// <summary>
    /// The sampler this process's tracing was configured with (<see cref="Default"/>, parent-based like the
    /// SDK's own default, until tracing is configured). Instrumentation reads <see cref="ParentBased"/> to
    /// skip asking the sampler about a record whose upstream decision was "not sampled": the answer is known.
    /// </summary>
    public static SamplingSettings InForce
    {
        get => s_inForce;
        internal set => s_inForce = value;
    }

    /// <summary>
    /// The sampler: <see cref="HeadSampler"/> for new traces (instrumentation may draw their decision itself at
    /// <see cref="Ratio"/>), wrapped to follow the parent's decision when <see cref="ParentBased"/>.
    /// </summary>
    public Sampler CreateSampler()
    {
        Sampler root = new HeadSampler(Ratio);
        return ParentBased ? new ParentBasedSampler(root) : root;
    }

    public override string ToString() =>
        $"{(ParentBased ? "parent-based, " : "")}{Ratio * 100:0.###}% of new traces ({Source})";
}
