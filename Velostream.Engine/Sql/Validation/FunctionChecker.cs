using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Functions;

namespace Velostream.Engine.Sql.Validation;

/// <summary>
/// Checks calls against the <see cref="FunctionCatalog"/> (known name, arity, <c>*</c>, DISTINCT,
/// OVER, EXTRACT fields) and where aggregates may appear (not in WHERE, ON, GROUP BY, WINDOW or
/// LIMIT, and not nested in another aggregate).
/// </summary>
internal static class FunctionChecker
{
    public static void Check(StatementContext context)
    {
        foreach (var (expr, clause) in context.ClauseExpressions())
        {
            Visit(context, expr, clause, enclosingAggregate: null);
        }
    }

    /// <summary>An aggregate call that groups rows (an aggregate with OVER is a row-window function instead).</summary>
    public static bool IsGroupingAggregate(Expr expr) =>
        expr is FunctionCall { Over: null } call && FunctionCatalog.IsAggregate(call.Name);

    public static bool ContainsGroupingAggregate(Expr expr) =>
        ExprWalker.DescendantsAndSelf(expr).Any(IsGroupingAggregate);

    private static void Visit(StatementContext context, Expr expr, QueryClause clause, string? enclosingAggregate)
    {
        if (expr is FunctionCall call)
        {
            CheckCall(context, call);
            if (IsGroupingAggregate(call))
            {
                if (clause is QueryClause.Where or QueryClause.JoinOn or QueryClause.GroupBy or QueryClause.Window or QueryClause.Limit)
                {
                    context.Error(call.Location, $"aggregate function {call.Name} is not allowed in {ClauseName(clause)}");
                }
                else if (enclosingAggregate is not null)
                {
                    context.Error(call.Location, $"aggregate function {call.Name} cannot be nested inside {enclosingAggregate}");
                }
                enclosingAggregate = call.Name;
            }
        }
        foreach (var child in ExprWalker.Children(expr))
        {
            Visit(context, child, clause, enclosingAggregate);
        }
    }

    private static void CheckCall(StatementContext context, FunctionCall call)
    {
        var signature = FunctionCatalog.Find(call.Name);
        if (signature is null)
        {
            var suggestion = FunctionCatalog.Suggest(call.Name);
            context.Error(call.NameLocation, suggestion is null
                ? $"unknown function {call.Name}"
                : $"unknown function {call.Name} (did you mean {suggestion}?)");
            return;
        }
        if (call.IsStar && call.Name != "COUNT")
        {
            context.Error(call.Location, $"'*' is only allowed in COUNT(*), not in {call.Name}");
            return;
        }
        if (call.Name == "COUNT" && !call.IsStar && call.Arguments.Count == 0)
        {
            context.Error(call.Location, "COUNT needs an argument or *");
            return;
        }
        if (!call.IsStar && (call.Arguments.Count < signature.MinArguments || call.Arguments.Count > signature.MaxArguments))
        {
            context.Error(call.Location, $"{call.Name} {signature.ArityText()}, found {call.Arguments.Count}");
        }
        if (call.Distinct && call.Name is not ("COUNT" or "LISTAGG" or "STRING_AGG"))
        {
            context.Error(call.Location, $"DISTINCT is only supported in COUNT, LISTAGG and STRING_AGG, not in {call.Name}");
        }
        if (call.Over is not null && signature.Kind == FunctionKind.Scalar)
        {
            context.Error(call.Over.Location, $"{call.Name} is not an aggregate or row function and cannot be used with OVER");
        }
        if (call.Name == "EXTRACT" && call.Arguments is [StringLiteral field, _] && !FunctionCatalog.ExtractFields.Contains(field.Value, StringComparer.OrdinalIgnoreCase))
        {
            context.Error(field.Location, $"unknown EXTRACT field {field.Value} (expected one of {string.Join(", ", FunctionCatalog.ExtractFields)})");
        }
        ParityFunctionChecker.Check(context, call);
        if (call.Name is "TUMBLE_START" or "TUMBLE_END" && context.Query.Window is null)
        {
            context.Error(call.Location, $"{call.Name} needs a WINDOW clause");
        }
    }

    public static string ClauseName(QueryClause clause) => clause switch
    {
        QueryClause.JoinOn => "JOIN ... ON",
        QueryClause.GroupBy => "GROUP BY",
        QueryClause.OrderBy => "ORDER BY",
        _ => clause.ToString().ToUpperInvariant(),
    };
}
