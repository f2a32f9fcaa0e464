using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Parsing;

/// <summary>
/// The parsed application (holding every statement that parsed) and the syntax errors of the
/// rest. The application is usable only when <see cref="Diagnostics"/> is empty.
/// <see cref="Contained"/> are the errors after which the parser rebuilt a sound statement (a bad
/// window duration replaced by a stand-in): such a statement is still worth checking for meaning.
/// </summary>
internal sealed record SqlParseResult(SqlApplication Application, IReadOnlyList<SqlDiagnostic> Diagnostics)
{
    public IReadOnlyList<SqlDiagnostic> Contained { get; init; } = [];

    /// <summary>Errors counted but not kept (lexical errors beyond <see cref="DiagnosticLimits.MaxKept"/>).</summary>
    public int Omitted { get; init; }

    public bool Succeeded => Diagnostics.Count == 0;
}
