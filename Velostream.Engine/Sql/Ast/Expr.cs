using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// An expression. Every node carries the location of its whole text so that diagnostics
/// (and runtime errors) can point at the exact span.
/// </summary>
internal abstract record Expr(SourceLocation Location)
{
    /// <summary>Canonical, fully parenthesised SQL text of the expression (see <see cref="ExprPrinter"/>).</summary>
    public sealed override string ToString() => ExprPrinter.Print(this);
}
