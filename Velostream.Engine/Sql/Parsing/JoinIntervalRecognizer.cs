using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Parsing;

/// <summary>
/// Finds the time bound of an interval join in an ON condition: a top-level AND conjunct
/// <c>x BETWEEN y [± interval] AND y [± interval]</c> whose bounds share one anchor column.
/// </summary>
internal static class JoinIntervalRecognizer
{
    public static JoinInterval? Find(Expr condition)
    {
        foreach (var conjunct in Conjuncts(condition))
        {
            if (conjunct is BetweenExpr { Negated: false, Operand: ColumnRef subject } between
                && Offset(between.Low) is var (lowAnchor, lower)
                && Offset(between.High) is var (highAnchor, upper)
                && SameColumn(lowAnchor, highAnchor))
            {
                return new JoinInterval(subject, lowAnchor, lower, upper, between.Location);
            }
        }
        return null;
    }

    /// <summary>The operands of the top-level AND chain, left to right.</summary>
    public static IEnumerable<Expr> Conjuncts(Expr expr)
    {
        if (expr is BinaryExpr { Operator: BinaryOperator.And } and)
        {
            foreach (var left in Conjuncts(and.Left))
            {
                yield return left;
            }
            foreach (var right in Conjuncts(and.Right))
            {
                yield return right;
            }
        }
        else
        {
            yield return expr;
        }
    }

    private static (ColumnRef Anchor, TimeSpan Offset)? Offset(Expr bound) => bound switch
    {
        ColumnRef column => (column, TimeSpan.Zero),
        BinaryExpr { Operator: BinaryOperator.Add, Left: ColumnRef column, Right: IntervalLiteral interval } => (column, interval.Value),
        BinaryExpr { Operator: BinaryOperator.Subtract, Left: ColumnRef column, Right: IntervalLiteral interval } => (column, -interval.Value),
        _ => null,
    };

    private static bool SameColumn(ColumnRef a, ColumnRef b) =>
        string.Equals(a.Qualifier, b.Qualifier, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
}
