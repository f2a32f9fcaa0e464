namespace Velostream.Engine.Sql.Syntax;

/// <summary>
/// Where a piece of SQL text came from. Line and column are 1-based (as editors show them);
/// offset and length are in UTF-16 code units into the file's text so the exact span can be
/// cut out again for messages and carets.
/// </summary>
internal readonly record struct SourceLocation(string File, int Line, int Column, int Offset, int Length)
{
    /// <summary>A location spanning from the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    public static SourceLocation Span(SourceLocation first, SourceLocation last) =>
        first with { Length = Math.Max(first.Length, last.Offset + last.Length - first.Offset) };

    public override string ToString() => $"{File}:{Line}:{Column}";
}
