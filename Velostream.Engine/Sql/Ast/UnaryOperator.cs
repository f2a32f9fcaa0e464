using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

internal enum UnaryOperator
{
    Negate,
    Plus,
    Not,
}
