using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>One <c>'key' = 'value'</c> entry of a WITH clause; values are kept as text and interpreted by whoever owns the key.</summary>
internal sealed record Property(string Key, string Value, SourceLocation KeyLocation, SourceLocation ValueLocation);
