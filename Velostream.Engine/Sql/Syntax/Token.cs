namespace Velostream.Engine.Sql.Syntax;

/// <summary>
/// One lexical token. <see cref="Text"/> is the token's value: identifiers unquoted, strings
/// with <c>''</c> escapes resolved, numbers as written (the parser converts them).
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourceLocation Location)
{
    /// <summary>True for an unquoted word equal to <paramref name="keyword"/> ignoring case.</summary>
    public bool IsKeyword(string keyword) =>
        Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>How the token is named in "expected X, found Y" messages.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfFile => "end of input",
        TokenKind.String => $"string '{Text}'",
        TokenKind.QuotedIdentifier => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}
