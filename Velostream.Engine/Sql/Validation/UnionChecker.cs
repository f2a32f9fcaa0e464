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
    public static void Check(StatementContext first, IReadOnlyList<StatementContext> branches)
    {
        var expected = Columns(first);
        if (expected is null)
        {
            return;
        }
        for (var b = 0; b < branches.Count; b++)
        {
            var branch = branches[b];
            var at = first.Query.UnionLocations[b];
            if (Columns(branch) is not { } columns)
            {
                continue;
            }
            if (columns.Count != expected.Count)
            {
                first.Error(branch.Query.Location with { Length = 6 },
                    $"UNION ALL: this SELECT has {columns.Count} column(s), the first SELECT has {expected.Count} (line {at.Line}); each SELECT must give the same number of columns");
                continue;
            }
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
