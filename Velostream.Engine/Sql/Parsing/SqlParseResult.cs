using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Parsing;

/// <summary>
/// The parsed application (holding every statement that parsed) and the syntax errors of the
/// rest. The application is usable only when <see cref="Diagnostics"/> is empty.
/// </summary>
internal sealed record SqlParseResult(SqlApplication Application, IReadOnlyList<SqlDiagnostic> Diagnostics)
{
    public bool Succeeded => Diagnostics.Count == 0;
}
