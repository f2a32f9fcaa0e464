using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Parsing;

/// <summary>Rebuilds an expression tree bottom-up, replacing the nodes a function chooses (it answers null to keep a node).</summary>
internal static class ExprRewriter
{
    public static Expr Map(Expr expr, Func<Expr, Expr?> replace)
    {
        var rebuilt = expr switch
        {
            UnaryExpr u => u with { Operand = Map(u.Operand, replace) },
            BinaryExpr b => b with { Left = Map(b.Left, replace), Right = Map(b.Right, replace) },
            IsNullExpr n => n with { Operand = Map(n.Operand, replace) },
            InListExpr i => i with { Operand = Map(i.Operand, replace), Items = [.. i.Items.Select(x => Map(x, replace))] },
            BetweenExpr b => b with { Operand = Map(b.Operand, replace), Low = Map(b.Low, replace), High = Map(b.High, replace) },
            LikeExpr l => l with { Operand = Map(l.Operand, replace), Pattern = Map(l.Pattern, replace) },
            CaseExpr c => c with
            {
                Operand = c.Operand is null ? null : Map(c.Operand, replace),
                Whens = [.. c.Whens.Select(w => w with { Condition = Map(w.Condition, replace), Result = Map(w.Result, replace) })],
                Else = c.Else is null ? null : Map(c.Else, replace),
            },
            CastExpr c => c with { Operand = Map(c.Operand, replace) },
            FunctionCall f => f with { Arguments = [.. f.Arguments.Select(a => Map(a, replace))] },
            SubqueryExpr s when s.Operand is not null => s with { Operand = Map(s.Operand, replace) },
            _ => expr,
        };
        return replace(rebuilt) ?? rebuilt;
    }
}
