using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Validation;

/// <summary>
/// Semantic analysis of a parsed application. Reports every problem as a located diagnostic
/// (never throws for user errors) and binds each error-free statement for execution.
/// </summary>
internal static class SqlValidator
{
    public static ValidationResult Validate(SqlApplication application)
    {
        var diagnostics = new List<SqlDiagnostic>();
        var bound = new List<BoundStatement>();
        CheckDuplicateNames(application, diagnostics);
        var producers = new Dictionary<string, Statement>(StringComparer.OrdinalIgnoreCase);
        foreach (var statement in application.Statements)
        {
            if (statement.Target is { } target)
            {
                producers.TryAdd(target.Name, statement);
            }
        }

        foreach (var statement in application.Statements)
        {
            var own = new List<SqlDiagnostic>();
            StatementContext Checked(Statement checkedStatement)
            {
                var context = new StatementContext(checkedStatement, own) { BaseDirectory = BaseDirectoryOf(application.FileName), Producers = producers };
                Binder.Bind(context);
                FunctionChecker.Check(context);
                OverChecker.Check(context);
                GroupingChecker.Check(context);
                TypeChecker.Check(context);
                ClauseChecker.Check(context);
                return context;
            }
            var context = Checked(statement);
            // Each SELECT of a UNION ALL is checked as a statement of its own, then their columns against the first's.
            var branches = statement.Query.UnionAll.Select(branch => Checked(statement with { Query = branch })).ToList();
            var outputs = UnionChecker.Check(context, branches);
            var boundBranches = branches.Select((branch, b) => Bind(branch, outputs?[b + 1])).ToList();
            var first = Bind(context, outputs?[0]);
            if (own.Count == 0)
            {
                bound.Add(first with { UnionBranches = boundBranches });
            }
            diagnostics.AddRange(own);
        }

        diagnostics.Sort((a, b) => a.Location.Offset.CompareTo(b.Location.Offset));
        return new ValidationResult(diagnostics.Distinct().ToList(), bound);
    }

    private static BoundStatement Bind(StatementContext context, UnionOutput? output)
    {
        var (sources, sink, settings, upstream) = PropertyChecker.Check(context);
        return new BoundStatement(context.Statement, context.Sources, sources, sink, settings, context.Bindings, GroupingChecker.IsAggregating(context.Query))
        {
            Upstream = upstream,
            UnionOutput = output,
        };
    }

    private static string? BaseDirectoryOf(string fileName) =>
        Path.GetDirectoryName(fileName) is { Length: > 0 } folder ? folder : null;

    private static void CheckDuplicateNames(SqlApplication application, List<SqlDiagnostic> diagnostics)
    {
        var first = new Dictionary<string, SourceLocation>(StringComparer.OrdinalIgnoreCase);
        foreach (var statement in application.Statements)
        {
            if (statement.JobName is not { } name)
            {
                continue;
            }
            var location = statement.Annotations.FirstOrDefault(a => a.Key.Equals("name", StringComparison.OrdinalIgnoreCase))?.Location
                ?? statement.Target?.Location
                ?? statement.Location;
            if (first.TryGetValue(name, out var previous))
            {
                diagnostics.Add(new SqlDiagnostic(location, $"duplicate statement name '{name}' (first defined at line {previous.Line})"));
            }
            else
            {
                first[name] = location;
            }
        }
    }
}
