using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

internal sealed class ConstantEvaluator(SqlValue value) : Evaluator
{
    public SqlValue Value { get; } = value;

    public override bool IsConstant => true;

    public override SqlValue Eval(EvalContext ctx) => Value;
}
