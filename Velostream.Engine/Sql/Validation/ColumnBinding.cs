using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Validation;

/// <summary>
/// What a column reference refers to. <see cref="SourceIndex"/> is 0 for FROM, 1.. for the joins
/// in order (for <see cref="ColumnBindingKind.Source"/>); <see cref="Item"/> is the aliased SELECT
/// item (for <see cref="ColumnBindingKind.SelectAlias"/>).
/// </summary>
internal sealed record ColumnBinding(ColumnRef Column, ColumnBindingKind Kind, int SourceIndex, ExpressionItem? Item);
