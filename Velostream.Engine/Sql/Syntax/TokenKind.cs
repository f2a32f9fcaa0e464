namespace Velostream.Engine.Sql.Syntax;

internal enum TokenKind
{
    /// <summary>A bare word: keywords are identifiers too, recognised by the parser in context.</summary>
    Identifier,
    /// <summary>A word in double quotes or backticks: never a keyword, case kept.</summary>
    QuotedIdentifier,
    String,
    Integer,
    Decimal,
    Double,
    /// <summary>A number with a time unit glued to it: <c>5s</c>, <c>100ms</c>, <c>1m</c>, <c>2h</c>, <c>1d</c>.</summary>
    Duration,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Concat,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    /// <summary><c>~</c>: regular-expression match.</summary>
    Tilde,
    /// <summary><c>!~</c>: no regular-expression match.</summary>
    NotTilde,
    LeftParen,
    RightParen,
    Comma,
    Dot,
    Semicolon,
    EndOfFile,
}
