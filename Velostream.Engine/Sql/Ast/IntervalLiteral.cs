using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary><c>INTERVAL '5' MINUTE</c> or a short form such as <c>5m</c>, <c>100ms</c>.</summary>
internal sealed record IntervalLiteral(TimeSpan Value, SourceLocation Location) : LiteralExpr(Location);
