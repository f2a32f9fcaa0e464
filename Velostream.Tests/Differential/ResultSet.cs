namespace Velostream.Tests.Differential;

/// <summary>A query's result as column names in SELECT order and rows of <see cref="Cell"/>s.</summary>
internal sealed record ResultSet(IReadOnlyList<string> Columns, IReadOnlyList<Cell[]> Rows);
