using System.Globalization;
using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Functions;

namespace Velostream.Engine.Sql.Validation;

/// <summary>
/// Checks of the dialect-parity functions that can be made before any record arrives, so that a
/// mistake is a located <c>validate</c> error and not a failure of every record: units of
/// DATE_TRUNC/DATEDIFF, DATE_FORMAT specifiers, regular expressions and REGEXP_REPLACE flags
/// written as literals, the constant delimiter of LISTAGG/STRING_AGG, the PERCENTILE_CONT fraction,
/// and SET_HEADER only where a row has one input record.
/// </summary>
internal static class ParityFunctionChecker
{
    public static void Check(StatementContext context, FunctionCall call)
    {
        var args = call.Arguments;
        switch (call.Name)
        {
            case "DATE_TRUNC" or "DATEDIFF" when args.Count > 0 && args[0] is StringLiteral unit && !DateUnits.IsKnown(unit.Value):
                context.Error(unit.Location, $"unknown {call.Name} unit '{unit.Value}' (expected one of {string.Join(", ", DateUnits.All.Select(u => u.ToLowerInvariant()))}, singular or plural)");
                break;
            case "DATE_FORMAT" when args.Count == 2 && args[1] is StringLiteral format && StrftimeFormatter.Check(format.Value) is { } problem:
                context.Error(format.Location, problem);
                break;
            case "REGEXP" or "REGEXP_REPLACE":
                CheckRegex(context, call);
                break;
            case "LISTAGG" or "STRING_AGG" when args.Count == 2 && args[1] is not StringLiteral:
                context.Error(args[1].Location, $"the {call.Name} delimiter must be a string literal");
                break;
            case "PERCENTILE_CONT" when args.Count == 2:
                CheckFraction(context, call.Name, args[1]);
                break;
            case "SET_HEADER" when context.Query.GroupBy.Count > 0 || context.Query.Window is not null
                || context.Query.Items.OfType<ExpressionItem>().Any(i => FunctionChecker.ContainsGroupingAggregate(i.Expression)):
                context.Error(call.Location, "SET_HEADER is only supported in queries without aggregation (an aggregated row has no single input record)");
                break;
        }
    }

    private static void CheckRegex(StatementContext context, FunctionCall call)
    {
        var args = call.Arguments;
        if (args.Count > 1 && args[1] is StringLiteral pattern && RegexPatterns.TryCompile(pattern.Value, ignoreCase: false) is null)
        {
            context.Error(pattern.Location, RegexPatterns.Invalid(pattern.Value));
        }
        if (args.Count > 3 && args[3] is StringLiteral flags && RegexPatterns.CheckFlags(flags.Value) is { } problem)
        {
            context.Error(flags.Location, problem);
        }
    }

    private static void CheckFraction(StatementContext context, string name, Expr fraction)
    {
        decimal? value = fraction switch
        {
            IntegerLiteral i => i.Value,
            DecimalLiteral d => d.Value,
            DoubleLiteral d => (decimal)d.Value,
            _ => null,
        };
        if (value is null)
        {
            context.Error(fraction.Location, $"the {name} fraction must be a numeric literal between 0 and 1");
        }
        else if (value < 0 || value > 1)
        {
            context.Error(fraction.Location, $"the {name} fraction must be between 0 and 1, found {value.Value.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
