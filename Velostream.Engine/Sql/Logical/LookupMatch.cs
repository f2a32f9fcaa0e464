namespace Velostream.Engine.Sql.Logical;

/// <summary>Which table rows a stream row of a <see cref="LookupJoin"/> goes on with.</summary>
internal enum LookupMatch
{
    /// <summary>A join: once per matching table row.</summary>
    Every,
    /// <summary>A semi join (EXISTS, IN) or scalar lookup: once, with the first matching row.</summary>
    First,
    /// <summary>An anti join (NOT EXISTS, NOT IN): once, when no table row matches.</summary>
    None,
}
