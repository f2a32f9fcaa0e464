namespace Velostream.Engine.Sql.Syntax;

/// <summary>
/// The lexer's output: tokens ending with <see cref="TokenKind.EndOfFile"/>, the comments, and lexical
/// errors (the first <see cref="DiagnosticLimits.MaxKept"/>; <see cref="Omitted"/> counts the others).
/// </summary>
internal sealed record LexResult(IReadOnlyList<Token> Tokens, IReadOnlyList<Comment> Comments, IReadOnlyList<SqlDiagnostic> Diagnostics)
{
    public int Omitted { get; init; }
}
