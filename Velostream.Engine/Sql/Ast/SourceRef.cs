using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>A FROM or JOIN source: a stream or table name with an optional alias.</summary>
internal sealed record SourceRef(Identifier Name, Identifier? Alias, SourceLocation Location)
{
    /// <summary>The name columns are qualified with: the alias when given, else the source name.</summary>
    public string EffectiveAlias => Alias?.Name ?? Name.Name;
}
