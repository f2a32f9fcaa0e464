using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

internal sealed record OrderItem(Expr Expression, bool Descending, SourceLocation Location);
