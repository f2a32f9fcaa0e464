using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Parsing;

/// <summary>
/// Entry point: parses a SQL application file into statements with their annotations. Never
/// throws for bad input; every syntax error becomes a located diagnostic and parsing resumes at
/// the next statement so all of a file's errors are reported at once.
/// </summary>
internal static class SqlApplicationParser
{
    public static SqlParseResult Parse(string text, string fileName)
    {
        var lexed = Lexer.Tokenize(text, fileName);
        var diagnostics = new List<SqlDiagnostic>(lexed.Diagnostics);
        var parser = new Parser(lexed.Tokens, text, lexed.Diagnostics);
        var parsed = new List<Statement>();
        // Statement spans, including ones that failed to parse, so annotations are attributed correctly.
        var spans = new List<(int Start, int End, int Index)>();

        parser.SkipSemicolons();
        while (!parser.AtEnd)
        {
            var start = parser.Current.Location.Offset;
            var startPosition = parser.Position;
            try
            {
                var statement = parser.ParseStatement();
                parser.ExpectStatementEnd();
                if (statement is null)
                {
                    // A CREATE STREAM … WITH declaration: applied to the statements below, not a job.
                    spans.Add((start, parser.Current.Location.Offset, -1));
                    continue;
                }
                spans.Add((start, statement.Location.Offset + statement.Location.Length, parsed.Count));
                parsed.Add(statement);
            }
            catch (ParseException e)
            {
                diagnostics.Add(e.Diagnostic);
                parser.SkipToNextStatement(startPosition);
                spans.Add((start, parser.Current.Location.Offset, -1));
            }
        }

        if (spans.Count == 0)
        {
            // An application without statements is almost certainly the wrong file.
            diagnostics.Add(new SqlDiagnostic(parser.Current.Location, "expected CREATE STREAM, CREATE TABLE or SELECT, found end of input"));
        }

        diagnostics.AddRange(parser.Recovered);
        var (header, perStatement) = AttributeAnnotations(lexed.Comments, spans, parsed.Count);
        var statements = parsed.Select((s, i) => StreamDeclarations.Apply(s with { Annotations = perStatement[i] }, parser.Declarations)).ToList();
        diagnostics.Sort((a, b) => a.Location.Offset.CompareTo(b.Location.Offset));
        var contained = parser.Recovered
            .Concat(lexed.Diagnostics.Where(d => parser.AbsorbedLexicalErrors.Contains(d.Location.Offset)))
            .ToList();
        return new SqlParseResult(new SqlApplication(fileName, text, header, statements), diagnostics) { Contained = contained, Omitted = lexed.Omitted };
    }

    /// <summary>
    /// Annotations before the first statement are the application's header, except that from the
    /// first <c>@name</c> on they belong to that statement; annotations between two statements (or
    /// inside one) belong to the following (or enclosing) statement; trailing ones to the header.
    /// </summary>
    private static (List<Annotation> Header, List<Annotation>[] PerStatement) AttributeAnnotations(
        IReadOnlyList<Comment> comments, List<(int Start, int End, int Index)> spans, int statementCount)
    {
        var header = new List<Annotation>();
        var perStatement = Enumerable.Range(0, statementCount).Select(_ => new List<Annotation>()).ToArray();
        var annotations = comments.Select(AnnotationReader.Read).OfType<Annotation>().ToList();
        var firstStart = spans.Count > 0 ? spans[0].Start : int.MaxValue;
        var firstName = annotations.FindIndex(a => a.Location.Offset < firstStart && a.Key.Equals("name", StringComparison.OrdinalIgnoreCase));

        for (var i = 0; i < annotations.Count; i++)
        {
            var annotation = annotations[i];
            var offset = annotation.Location.Offset;
            if (offset < firstStart && (firstName < 0 || i < firstName))
            {
                header.Add(annotation);
                continue;
            }
            var owner = spans.FindIndex(s => offset < s.End);
            if (owner < 0)
            {
                header.Add(annotation);
            }
            else if (spans[owner].Index >= 0)
            {
                perStatement[spans[owner].Index].Add(annotation);
            }
        }
        return (header, perStatement);
    }

    /// <summary>Parses a single expression (for tests and tools); the whole text must be one expression.</summary>
    public static (Expr? Expression, IReadOnlyList<SqlDiagnostic> Diagnostics) ParseExpression(string text, string fileName = "<expr>")
    {
        var lexed = Lexer.Tokenize(text, fileName);
        if (lexed.Diagnostics.Count > 0)
        {
            return (null, lexed.Diagnostics);
        }
        var parser = new Parser(lexed.Tokens, text, lexed.Diagnostics);
        try
        {
            var expr = parser.ParseExpression();
            if (!parser.AtEnd)
            {
                var token = parser.Current;
                return (null, [new SqlDiagnostic(token.Location, $"expected end of expression, found {token.Describe()}")]);
            }
            return (expr, []);
        }
        catch (ParseException e)
        {
            return (null, [e.Diagnostic]);
        }
    }
}
