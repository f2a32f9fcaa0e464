using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary><c>CREATE TABLE name AS SELECT … [WITH (…)]</c>: a keyed, continuously updated result.</summary>
internal sealed record CreateTableStatement(
    Identifier Name,
    SelectQuery Query,
    PropertyList Properties,
    IReadOnlyList<Annotation> Annotations,
    string SourceText,
    SourceLocation Location) : Statement(Query, Properties, Annotations, SourceText, Location)
{
    public override Identifier? Target => Name;
}
