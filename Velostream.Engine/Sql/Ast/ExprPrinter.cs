using System.Globalization;
using System.Text;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// Renders an expression as canonical SQL with every operation parenthesised, so the tree's
/// shape is visible in one line: tests compare against it, and it names unaliased output columns.
/// </summary>
internal static class ExprPrinter
{
    public static string Print(Expr expr)
    {
        var builder = new StringBuilder();
        new Printer(builder, Qualifiers: true).Append(expr);
        return builder.ToString();
    }

    /// <summary>
    /// A key for comparing expressions written differently: column qualifiers dropped and case
    /// folded, so <c>m.Symbol</c> in SELECT matches <c>symbol</c> in GROUP BY.
    /// </summary>
    public static string MatchKey(Expr expr)
    {
        var builder = new StringBuilder();
        new Printer(builder, Qualifiers: false).Append(expr);
        return builder.ToString().ToLowerInvariant();
    }

    private readonly record struct Printer(StringBuilder Builder, bool Qualifiers)
    {
        public void Append(Expr expr) => ExprPrinter.Append(this, expr);

        public void AppendList(IReadOnlyList<Expr> items) => ExprPrinter.AppendList(this, items);
    }

    private static void Append(Printer p, Expr expr)
    {
        var b = p.Builder;
        switch (expr)
        {
            case IntegerLiteral i:
                b.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case DecimalLiteral d:
                b.Append(d.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case DoubleLiteral d:
                b.Append(d.Value.ToString("E", CultureInfo.InvariantCulture));
                break;
            case StringLiteral s:
                b.Append('\'').Append(s.Value.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
                break;
            case BooleanLiteral boolean:
                b.Append(boolean.Value ? "TRUE" : "FALSE");
                break;
            case NullLiteral:
                b.Append("NULL");
                break;
            case IntervalLiteral interval:
                b.Append(PrintInterval(interval.Value));
                break;
            case ColumnRef column:
                if (column.Qualifier is not null && p.Qualifiers)
                {
                    b.Append(column.Qualifier).Append('.');
                }
                b.Append(column.Name);
                break;
            case UnaryExpr unary:
                b.Append('(').Append(unary.Operator switch
                {
                    UnaryOperator.Negate => "-",
                    UnaryOperator.Plus => "+",
                    _ => "NOT ",
                });
                p.Append(unary.Operand);
                b.Append(')');
                break;
            case BinaryExpr binary:
                b.Append('(');
                p.Append(binary.Left);
                b.Append(' ').Append(Symbol(binary.Operator)).Append(' ');
                p.Append(binary.Right);
                b.Append(')');
                break;
            case IsNullExpr isNull:
                b.Append('(');
                p.Append(isNull.Operand);
                b.Append(isNull.Negated ? " IS NOT NULL)" : " IS NULL)");
                break;
            case InListExpr inList:
                b.Append('(');
                p.Append(inList.Operand);
                b.Append(inList.Negated ? " NOT IN (" : " IN (");
                p.AppendList(inList.Items);
                b.Append("))");
                break;
            case BetweenExpr between:
                b.Append('(');
                p.Append(between.Operand);
                b.Append(between.Negated ? " NOT BETWEEN " : " BETWEEN ");
                p.Append(between.Low);
                b.Append(" AND ");
                p.Append(between.High);
                b.Append(')');
                break;
            case LikeExpr like:
                b.Append('(');
                p.Append(like.Operand);
                b.Append(like.Negated ? " NOT LIKE " : " LIKE ");
                p.Append(like.Pattern);
                b.Append(')');
                break;
            case CaseExpr caseExpr:
                b.Append("CASE");
                if (caseExpr.Operand is not null)
                {
                    b.Append(' ');
                    p.Append(caseExpr.Operand);
                }
                foreach (var when in caseExpr.Whens)
                {
                    b.Append(" WHEN ");
                    p.Append(when.Condition);
                    b.Append(" THEN ");
                    p.Append(when.Result);
                }
                if (caseExpr.Else is not null)
                {
                    b.Append(" ELSE ");
                    p.Append(caseExpr.Else);
                }
                b.Append(" END");
                break;
            case CastExpr cast:
                b.Append("CAST(");
                p.Append(cast.Operand);
                b.Append(" AS ").Append(cast.TargetType).Append(')');
                break;
            case FunctionCall call:
                AppendCall(p, call);
                break;
            case SubqueryExpr subquery:
                AppendSubquery(p, subquery);
                break;
            default:
                throw new InvalidOperationException($"no printer for {expr.GetType().Name}");
        }
    }

    private static void AppendCall(Printer p, FunctionCall call)
    {
        var b = p.Builder;
        b.Append(call.Name).Append('(');
        if (call.IsStar)
        {
            b.Append('*');
        }
        else if (call.Name == "EXTRACT" && call.Arguments is [StringLiteral field, var source])
        {
            b.Append(field.Value).Append(" FROM ");
            p.Append(source);
        }
        else
        {
            if (call.Distinct)
            {
                b.Append("DISTINCT ");
            }
            p.AppendList(call.Arguments);
        }
        b.Append(')');
        if (call.Over is { } over)
        {
            b.Append(" OVER (");
            var parts = new List<string>();
            if (over.BufferRows is { } rows)
            {
                parts.Add($"ROWS WINDOW BUFFER {rows} ROWS");
            }
            if (over.PartitionBy.Count > 0)
            {
                parts.Add("PARTITION BY " + string.Join(", ", over.PartitionBy.Select(Print)));
            }
            if (over.OrderBy.Count > 0)
            {
                parts.Add("ORDER BY " + string.Join(", ", over.OrderBy.Select(o => Print(o.Expression) + (o.Descending ? " DESC" : ""))));
            }
            if (over.Frame is { } frame)
            {
                parts.Add(PrintFrame(frame));
            }
            b.Append(string.Join(' ', parts)).Append(')');
        }
    }

    private static string PrintFrame(WindowFrame frame) =>
        $"{(frame.IsRange ? "RANGE" : "ROWS")} BETWEEN {PrintBound(frame.Start)} AND {PrintBound(frame.End)}";

    private static string PrintBound(FrameBound bound) => bound.Kind switch
    {
        FrameBoundKind.UnboundedPreceding => "UNBOUNDED PRECEDING",
        FrameBoundKind.Preceding => $"{Print(bound.Offset!)} PRECEDING",
        FrameBoundKind.CurrentRow => "CURRENT ROW",
        FrameBoundKind.Following => $"{Print(bound.Offset!)} FOLLOWING",
        _ => "UNBOUNDED FOLLOWING",
    };

    private static void AppendSubquery(Printer p, SubqueryExpr subquery)
    {
        var b = p.Builder;
        if (subquery.Operand is not null)
        {
            b.Append('(');
            p.Append(subquery.Operand);
            b.Append(subquery.Negated ? " NOT IN " : " IN ");
        }
        else if (subquery.Kind == SubqueryKind.Exists)
        {
            b.Append(subquery.Negated ? "NOT EXISTS " : "EXISTS ");
        }
        b.Append("(SELECT … FROM ").Append(subquery.Query.From.Name.Name).Append(')');
        if (subquery.Operand is not null)
        {
            b.Append(')');
        }
    }

    private static void AppendList(Printer p, IReadOnlyList<Expr> items)
    {
        var b = p.Builder;
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                b.Append(", ");
            }
            p.Append(items[i]);
        }
    }

    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Concat => "||",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.And => "AND",
        BinaryOperator.Or => "OR",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>An interval in its largest exact unit: 300 s prints as <c>INTERVAL '5' MINUTE</c>.</summary>
    public static string PrintInterval(TimeSpan value)
    {
        var (amount, unit) = DurationText.InLargestUnit(value);
        var name = unit switch
        {
            "d" => "DAY",
            "h" => "HOUR",
            "m" => "MINUTE",
            "s" => "SECOND",
            _ => "MILLISECOND",
        };
        return $"INTERVAL '{amount}' {name}";
    }
}
