using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>One entry of a SELECT list.</summary>
internal abstract record SelectItem(SourceLocation Location);
