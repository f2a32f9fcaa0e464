using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary>
/// A compiled expression: a tree of small sealed nodes evaluated per row. Errors are values
/// (<see cref="ValueKind.Error"/>), never exceptions, so a bad record costs what a good one does.
/// </summary>
internal abstract class Evaluator
{
    public abstract SqlValue Eval(EvalContext ctx);

    /// <summary>True when the node always yields the same value (literals and calls on literals).</summary>
    public virtual bool IsConstant => false;
}
