namespace Velostream.Engine.Sql.Validation;

internal enum ColumnBindingKind
{
    /// <summary>A column of one known source (FROM or JOIN), by qualifier or because there is only one source.</summary>
    Source,
    /// <summary>An unqualified name in a join: sources have no declared schema, so it is looked up in each source in FROM/JOIN order.</summary>
    AnySource,
    /// <summary>A name given to a SELECT item by AS, used in GROUP BY, HAVING or ORDER BY.</summary>
    SelectAlias,
}
