using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>A name written in the query (unquoted names keep their spelling; lookups ignore case).</summary>
internal sealed record Identifier(string Name, SourceLocation Location)
{
    public override string ToString() => Name;
}
