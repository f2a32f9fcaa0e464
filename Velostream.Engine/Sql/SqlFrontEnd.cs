using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Logical;
using Velostream.Engine.Sql.Parsing;
using Velostream.Engine.Sql.Syntax;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Sql;

/// <summary>
/// Parse, validate and plan in one call: what <c>validate</c>, <c>run</c> and the job server use.
/// Semantic checks run only on the statements that parsed, so a file with a syntax error in one
/// statement still gets the other statements' errors.
/// </summary>
internal static class SqlFrontEnd
{
    public static SqlCheckResult Check(string text, string fileName)
    {
        var parsed = SqlApplicationParser.Parse(text, fileName);
        // A statement holding a lexical error parsed around it; checking its meaning would only add
        // noise, unless the parser contained the error (a bad window duration).
        var uncontained = parsed.Diagnostics.Except(parsed.Contained).ToList();
        var clean = parsed.Application.Statements
            .Where(s => !uncontained.Any(d => d.Location.Offset >= s.Location.Offset && d.Location.Offset <= s.Location.Offset + s.Location.Length))
            .ToList();
        var validated = SqlValidator.Validate(parsed.Application with { Statements = clean });
        // Each valid statement's logical plan, from its configuration alone; its rules are checked there.
        var baseDirectory = Path.GetDirectoryName(fileName) is { Length: > 0 } folder ? folder : null;
        var planned = validated.Statements.Select(s => LogicalPlanner.PlanSelects(s, baseDirectory).First).ToList();
        var diagnostics = parsed.Diagnostics.Concat(validated.Diagnostics)
            .Concat(planned.SelectMany(p => p.Diagnostics))
            .OrderBy(d => d.Location.Offset)
            .ToList();
        return new SqlCheckResult(parsed.Application, diagnostics,
            [.. validated.Statements.Where((_, i) => planned[i].Succeeded)],
            [.. planned.Where(p => p.Succeeded).Select(p => p.Plan!)]) { Omitted = parsed.Omitted };
    }
}
