namespace Velostream.Engine.Sql.Syntax;

/// <summary>
/// A problem in user-supplied SQL, reported as a value (never thrown) so that every error of an
/// application can be listed at once.
/// </summary>
internal sealed record SqlDiagnostic(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: error: {Message}";
}
