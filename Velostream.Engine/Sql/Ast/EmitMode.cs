using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

internal enum EmitMode
{
    /// <summary>Emit an updated row whenever a group's result changes.</summary>
    Changes,
    /// <summary>Emit once, when the window closes (or at the end of a bounded input).</summary>
    Final,
}
