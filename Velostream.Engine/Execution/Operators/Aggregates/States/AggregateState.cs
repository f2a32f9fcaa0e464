using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>
/// One aggregate's running state for one group (and window). Created when the group first appears;
/// updating it allocates nothing for fixed-size aggregates.
/// </summary>
internal abstract class AggregateState
{
    /// <summary>Folds in one argument value (NULLs are ignored by every aggregate but COUNT(*)).</summary>
    public abstract void Add(in SqlValue value, long sequence);

    /// <summary>Folds in one (y, x) pair, for the two-argument aggregates (CORR).</summary>
    public virtual void AddPair(in SqlValue y, in SqlValue x, long sequence) => Add(y, sequence);

    public abstract SqlValue Result();

    /// <summary>Folds another state of the same aggregate in (session windows merging).</summary>
    public abstract void Merge(AggregateState other);

    /// <summary>
    /// Returns the state to what <see cref="AggregateFunctions.Create(AggregateSpec)"/> made: no value
    /// folded in (a closed window's group is reused for a new one). Buffers the state owns are kept.
    /// </summary>
    public abstract void Reset();

    /// <summary>Writes the running state for a changelog (see <c>GroupStateCodec</c>); a new aggregate adds these two methods.</summary>
    public abstract void Write(StateWriter writer);

    /// <summary>Reads back what <see cref="Write"/> wrote, into this newly created state.</summary>
    public abstract void Read(StateReader reader);
}
