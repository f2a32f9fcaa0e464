using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary>
/// <c>x [NOT] IN (a, b, …)</c> with SQL's NULL rules: TRUE on a match; otherwise NULL when x or
/// any item is NULL; otherwise FALSE (then negated for NOT IN).
/// </summary>
internal sealed class InListEvaluator(Evaluator operand, Evaluator[] items, bool negated) : Evaluator
{
    public override SqlValue Eval(EvalContext ctx)
    {
        var v = operand.Eval(ctx);
        if (v.IsError || v.IsNull) return v;
        var sawNull = false;
        foreach (var item in items)
        {
            var r = ComparisonEvaluator.Compare(ComparisonOperator.Equal, v, item.Eval(ctx));
            if (r.IsError) return r;
            if (r.IsNull)
            {
                sawNull = true;
            }
            else if (r.AsBool)
            {
                return SqlValue.FromBool(!negated);
            }
        }
        return sawNull ? SqlValue.Null : SqlValue.FromBool(negated);
    }
}
