namespace Velostream.Engine.Sql.Syntax;

/// <summary>The lexer's output: tokens ending with <see cref="TokenKind.EndOfFile"/>, the comments, and lexical errors.</summary>
internal sealed record LexResult(IReadOnlyList<Token> Tokens, IReadOnlyList<Comment> Comments, IReadOnlyList<SqlDiagnostic> Diagnostics);
