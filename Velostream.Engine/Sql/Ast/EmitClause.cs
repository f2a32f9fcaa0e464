using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

internal sealed record EmitClause(EmitMode Mode, SourceLocation Location);
