using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Logical;

/// <summary>One output column: its name, what it computes and whether it is part of the output record's key.</summary>
internal sealed record OutputColumn(string Name, Expr Expression, bool IsPrimaryKey);
