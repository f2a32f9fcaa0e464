using Velostream.Engine.Connectors;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Lineage;

/// <summary>
/// Where one output record came from, as the job hands it to <see cref="JobObserver.OutputProduced"/>:
/// either the single input record of a stateless operator (filter, projection, stream–table join),
/// or the bounded sample of inputs of a window or stream–stream join. One instance is reused for
/// every output of a job; observers must copy what they keep.
/// </summary>
internal sealed class OutputLineage
{
    private SourceRecord _input;

    /// <summary>True when the output derives from exactly one input record (<see cref="Input"/>).</summary>
    public bool IsSingleInput { get; private set; }

    /// <summary>The input record of a stateless output (valid when <see cref="IsSingleInput"/>).</summary>
    public ref readonly SourceRecord Input => ref _input;

    /// <summary>The contributing inputs of an aggregate or join output (null for single-input outputs).</summary>
    public LineageSample? Sample { get; private set; }

    internal void SetSingle(in SourceRecord input)
    {
        _input = input;
        IsSingleInput = true;
        Sample = null;
    }

    internal void SetSample(LineageSample sample)
    {
        _input = default;
        IsSingleInput = false;
        Sample = sample;
    }
}
