using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// A query whose rows go to a named sink: <c>INSERT INTO sink SELECT …</c>, <c>SELECT … INTO sink</c>,
/// or <c>CREATE STREAM name AS SELECT … INTO sink</c> (<see cref="Created"/> is then <c>name</c>). The
/// sink is configured by the WITH entries named like it, or by a <c>CREATE STREAM sink WITH (…)</c> declaration.
/// </summary>
internal sealed record InsertStatement(
    Identifier Sink,
    Identifier? Created,
    SelectQuery Query,
    PropertyList Properties,
    IReadOnlyList<Annotation> Annotations,
    string SourceText,
    SourceLocation Location) : Statement(Query, Properties, Annotations, SourceText, Location)
{
    public override Identifier? Target => Sink;
}
