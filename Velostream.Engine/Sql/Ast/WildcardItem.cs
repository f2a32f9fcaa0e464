using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary><c>*</c>, or <c>alias.*</c> when <see cref="Qualifier"/> is set.</summary>
internal sealed record WildcardItem(string? Qualifier, SourceLocation Location) : SelectItem(Location);
