using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Operators.Filter;

/// <summary>WHERE: passes a row on when its condition is TRUE; a condition that fails, or is not BOOLEAN, fails the record.</summary>
internal sealed class FilterOperator(Evaluator condition, IStreamOperator next) : IStreamOperator
{
    public OperatorResult Push(EvalContext row, LineageSample? inputs)
    {
        var w = condition.Eval(row);
        if (w.Kind != ValueKind.Boolean)
        {
            if (w.IsError) return OperatorResult.Failed("WHERE: " + w.ErrorMessage);
            if (!w.IsNull) return OperatorResult.Failed($"WHERE needs a BOOLEAN, got {SqlArithmetic.Name(w.Kind)}");
            return OperatorResult.None;
        }
        return w.AsBool ? next.Push(row, inputs) : OperatorResult.None;
    }

    public OperatorResult AdvanceWatermark(long watermarkMs, EvalContext scratch) => next.AdvanceWatermark(watermarkMs, scratch);

    public OperatorResult Finish(EvalContext scratch) => next.Finish(scratch);

    public void ReportHeld(Dictionary<int, long>[] into) => next.ReportHeld(into);

    public JobStateSize MeasureState(JobStateSize size) => next.MeasureState(size);
}
