using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary><c>CREATE STREAM name AS SELECT … [EMIT …] [WITH (…)]</c>; the sink is the WITH entry named like the stream.</summary>
internal sealed record CreateStreamStatement(
    Identifier Name,
    SelectQuery Query,
    PropertyList Properties,
    IReadOnlyList<Annotation> Annotations,
    string SourceText,
    SourceLocation Location) : Statement(Query, Properties, Annotations, SourceText, Location)
{
    public override Identifier? Target => Name;
}
