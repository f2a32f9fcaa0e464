using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary>Reads one slot of the row: a decoded field, a group key or an aggregate result.</summary>
internal sealed class SlotEvaluator(int slot) : Evaluator
{
    public int Slot { get; } = slot;

    public override SqlValue Eval(EvalContext ctx) => ctx.Values[Slot];
}
