using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>A <c>-- @key: value</c> comment. Keys may repeat (<c>@metric</c>), so annotations are kept as an ordered list.</summary>
internal sealed record Annotation(string Key, string Value, SourceLocation Location);
