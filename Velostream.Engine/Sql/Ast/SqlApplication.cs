using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// A parsed SQL application file: the header annotations (<c>@app</c>, <c>@version</c>,
/// <c>@description</c> and any others before the first statement's own annotations) and its statements.
/// </summary>
internal sealed record SqlApplication(
    string FileName,
    string Text,
    IReadOnlyList<Annotation> Annotations,
    IReadOnlyList<Statement> Statements)
{
    public string? Name => Annotations.Find("app");
    public string? Version => Annotations.Find("version");
    public string? Description => Annotations.Find("description");
}
