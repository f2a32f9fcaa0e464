using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;
using Velostream.Engine.Sql.Types;

namespace Velostream.Engine.Sql.Validation;

/// <summary>
/// The SELECTs of a UNION ALL must agree column by column with the first: as many columns, and
/// types that can share a column (numbers of any kind do; a number and a string do not). A SELECT
/// with <c>*</c> has columns known only when it runs and is not compared.
/// </summary>
internal static class UnionChecker
{
    /// <summary>
    /// Reports every disagreement; returns what each SELECT (the first, then <paramref name="branches"/>)
    /// writes when they all agree and list their columns, else null (the SELECTs write their own columns).
    /// </summary>
    public static IReadOnlyList<UnionOutput>? Check(StatementContext first, IReadOnlyList<StatementContext> branches)
    {
        var expected = Columns(first);
        if (expected is null || branches.Count == 0)
        {
            return null;
        }
        var all = new List<List<(ExpressionItem Item, SqlType Type)>> { expected };
        for (var b = 0; b < branches.Count; b++)
        {
            var branch = branches[b];
            var at = first.Query.UnionLocations[b];
            if (Columns(branch) is not { } columns)
            {
                all.Clear();
                continue;
            }
            if (columns.Count != expected.Count)
            {
                first.Error(branch.Query.Location with { Length = 6 },
                    $"UNION ALL: this SELECT has {columns.Count} column(s), the first SELECT has {expected.Count} (line {at.Line}); each SELECT must give the same number of columns");
                all.Clear();
                continue;
            }
            all.Add(columns);
            for (var i = 0; i < columns.Count; i++)
            {
                var (item, type) = columns[i];
                if (!TypeChecker.Unionable(expected[i].Type, type))
                {
                    first.Error(item.Location,
                        $"UNION ALL: column {i + 1} ('{Name(expected[i].Item)}') is {expected[i].Type} in the first SELECT but {type} here");
                }
            }
        }
        if (all.Count != branches.Count + 1)
        {
            return null;
        }
        var names = expected.Select(c => c.Item.OutputName).ToList();
        var widened = Enumerable.Range(0, expected.Count).Select(i => Widest(all.Select(columns => columns[i].Type))).ToList();
        return [.. all.Select(columns => new UnionOutput(names,
            [.. columns.Select((c, i) => c.Type.IsNumeric && widened[i] is { } wide && wide.Kind != c.Type.Kind ? wide : null)]))];
    }

    // The number type every known number of a column fits: DOUBLE over DECIMAL over BIGINT (as in DuckDB).
    private static SqlType? Widest(IEnumerable<SqlType> types)
    {
        var numbers = types.Where(t => t.IsNumeric).Select(t => t.Kind).ToList();
        if (numbers.Contains(SqlTypeKind.Double)) return SqlType.Double;
        if (numbers.Contains(SqlTypeKind.Decimal)) return SqlType.Decimal;
        return numbers.Count > 0 ? SqlType.BigInt : null;
    }

    private static List<(ExpressionItem Item, SqlType Type)>? Columns(StatementContext context)
    {
        if (context.Query.Items.Any(i => i is not ExpressionItem))
        {
            return null;
        }
        // Types are inferred again against a scratch list: the statement's own checks reported any errors already.
        var scratch = new TypeChecker(new StatementContext(context.Statement, []));
        return [.. context.Query.Items.Cast<ExpressionItem>().Select(i => (i, scratch.Infer(i.Expression)))];
    }

    private static string Name(ExpressionItem item) => item.Alias?.Name ?? ExprPrinter.Print(item.Expression);
}
