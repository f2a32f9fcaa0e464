using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

internal enum JoinKind
{
    Inner,
    Left,
    Right,
    Full,
}
