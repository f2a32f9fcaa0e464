using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Sql.Parsing;

/// <summary>Measures an expression tree's depth with an explicit stack, so any tree can be measured safely.</summary>
internal static class ExprDepth
{
    /// <summary>The first node (pre-order, left to right) that lies deeper than <paramref name="limit"/> levels, or null when none does.</summary>
    public static Expr? FirstBeyond(Expr root, int limit)
    {
        var stack = new Stack<(Expr Node, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > limit)
            {
                return node;
            }
            // Reversed so the leftmost child is looked at first: the error points at the start of a chain.
            foreach (var child in ExprWalker.Children(node).Reverse())
            {
                stack.Push((child, depth + 1));
            }
        }
        return null;
    }
}
