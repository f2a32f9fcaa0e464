using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// <c>expr [AS alias] [PRIMARY KEY]</c>. PRIMARY KEY marks the column whose value becomes the
/// output record's key (the Kafka message key).
/// </summary>
internal sealed record ExpressionItem(Expr Expression, Identifier? Alias, bool IsPrimaryKey, SourceLocation Location) : SelectItem(Location)
{
    /// <summary>
    /// The output column's name: the alias, else the column's own name for a plain column,
    /// else the lower-case function name for a call, else the expression's canonical text.
    /// </summary>
    public string OutputName => Alias?.Name ?? Expression switch
    {
        ColumnRef column => column.Name,
        FunctionCall call => call.Name.ToLowerInvariant(),
        _ => ExprPrinter.Print(Expression),
    };
}
