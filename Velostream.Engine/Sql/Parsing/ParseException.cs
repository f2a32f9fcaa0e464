using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Parsing;

/// <summary>
/// Unwinds the recursive descent to the statement boundary on a syntax error. It never escapes
/// the parser: <see cref="SqlApplicationParser"/> turns it into a diagnostic and resynchronises.
/// </summary>
internal sealed class ParseException(SqlDiagnostic diagnostic) : Exception(diagnostic.Message)
{
    public SqlDiagnostic Diagnostic { get; } = diagnostic;
}
