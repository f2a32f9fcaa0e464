using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>A bare <c>SELECT … [WITH (…)]</c>: results go to standard output.</summary>
internal sealed record SelectStatement(
    SelectQuery Query,
    PropertyList Properties,
    IReadOnlyList<Annotation> Annotations,
    string SourceText,
    SourceLocation Location) : Statement(Query, Properties, Annotations, SourceText, Location)
{
    public override Identifier? Target => null;
}
