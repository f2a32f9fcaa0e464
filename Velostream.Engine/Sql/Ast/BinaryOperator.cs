using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    /// <summary><c>||</c> string concatenation.</summary>
    Concat,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}
