using Velostream.Engine.Sql.Syntax;

namespace Velostream.Tests.Sql.Syntax;

public sealed class LexerTests
{
    private static IEnumerable<(TokenKind, string)> Tokens(string text) =>
        Lexer.Tokenize(text, "f.sql").Tokens.Select(t => (t.Kind, t.Text));

    [Fact]
    public void Numbers_are_classified_by_shape()
    {
        Assert.Equal(
            [(TokenKind.Integer, "7"), (TokenKind.Decimal, "7.50"), (TokenKind.Double, "7e2"), (TokenKind.Duration, "7s"), (TokenKind.Duration, "250ms"), (TokenKind.EndOfFile, "")],
            Tokens("7 7.50 7e2 7s 250ms"));
    }

    [Fact]
    public void Operators_include_two_character_forms()
    {
        Assert.Equal(
            [TokenKind.Concat, TokenKind.NotEqual, TokenKind.NotEqual, TokenKind.LessOrEqual, TokenKind.GreaterOrEqual, TokenKind.Equal, TokenKind.Less, TokenKind.Greater, TokenKind.EndOfFile],
            Lexer.Tokenize("|| <> != <= >= = < >", "f.sql").Tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Quoted_identifiers_and_strings_unescape_their_quotes()
    {
        Assert.Equal(
            [(TokenKind.QuotedIdentifier, "a\"b"), (TokenKind.QuotedIdentifier, "c d"), (TokenKind.String, "it's"), (TokenKind.EndOfFile, "")],
            Tokens("\"a\"\"b\" `c d` 'it''s'"));
    }

    [Fact]
    public void Comments_are_kept_apart_from_tokens_with_their_locations()
    {
        var result = Lexer.Tokenize("SELECT 1 -- trailing\n/* block */ -- @name: q\r\nFROM t", "f.sql");

        Assert.Equal(["SELECT", "1", "FROM", "t", ""], result.Tokens.Select(t => t.Text));
        Assert.Equal([(" trailing", 1, 10), (" @name: q", 2, 13)], result.Comments.Select(c => (c.Text, c.Location.Line, c.Location.Column)));
    }

    [Fact]
    public void Token_locations_are_one_based_lines_and_columns()
    {
        var tokens = Lexer.Tokenize("SELECT\n  price", "f.sql").Tokens;

        Assert.Equal(new SourceLocation("f.sql", 2, 3, 9, 5), tokens[1].Location);
    }

    [Fact]
    public void A_word_glued_to_a_number_is_not_a_duration()
    {
        Assert.Equal([(TokenKind.Integer, "0"), (TokenKind.EndOfFile, "")], Tokens("5sec"));
        Assert.Equal("invalid number '5sec'", Assert.Single(Lexer.Tokenize("5sec", "f.sql").Diagnostics).Message);
    }
}
