namespace Velostream.Engine.Sql.Logical;

/// <summary>One ORDER BY key: the output column (by position) and its direction.</summary>
internal sealed record SortKey(int Column, bool Descending);
