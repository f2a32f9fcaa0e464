namespace Velostream.Engine.Sql.Syntax;

/// <summary>A <c>--</c> comment; kept because <c>-- @key: value</c> comments are annotations.</summary>
internal readonly record struct Comment(string Text, SourceLocation Location);
