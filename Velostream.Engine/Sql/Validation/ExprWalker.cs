using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Validation;

/// <summary>Structural traversal of expression trees (children in source order).</summary>
internal static class ExprWalker
{
    public static IEnumerable<Expr> Children(Expr expr)
    {
        switch (expr)
        {
            case UnaryExpr u:
                yield return u.Operand;
                break;
            case BinaryExpr b:
                yield return b.Left;
                yield return b.Right;
                break;
            case IsNullExpr n:
                yield return n.Operand;
                break;
            case InListExpr i:
                yield return i.Operand;
                foreach (var item in i.Items)
                {
                    yield return item;
                }
                break;
            case BetweenExpr b:
                yield return b.Operand;
                yield return b.Low;
                yield return b.High;
                break;
            case LikeExpr l:
                yield return l.Operand;
                yield return l.Pattern;
                break;
            case CaseExpr c:
                if (c.Operand is not null)
                {
                    yield return c.Operand;
                }
                foreach (var when in c.Whens)
                {
                    yield return when.Condition;
                    yield return when.Result;
                }
                if (c.Else is not null)
                {
                    yield return c.Else;
                }
                break;
            case CastExpr c:
                yield return c.Operand;
                break;
            case SubqueryExpr { Operand: { } operand }:
                // The subquery's own expressions belong to its query, not this one.
                yield return operand;
                break;
            case FunctionCall f:
                foreach (var arg in f.Arguments)
                {
                    yield return arg;
                }
                if (f.Over is { } over)
                {
                    foreach (var p in over.PartitionBy)
                    {
                        yield return p;
                    }
                    foreach (var o in over.OrderBy)
                    {
                        yield return o.Expression;
                    }
                }
                break;
        }
    }

    /// <summary>The expression and everything below it, pre-order.</summary>
    public static IEnumerable<Expr> DescendantsAndSelf(Expr expr)
    {
        var stack = new Stack<Expr>();
        stack.Push(expr);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            foreach (var child in Children(current).Reverse())
            {
                stack.Push(child);
            }
        }
    }
}
