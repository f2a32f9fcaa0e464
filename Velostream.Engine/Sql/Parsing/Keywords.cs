namespace Velostream.Engine.Sql.Parsing;

/// <summary>
/// Words that end an expression or start a clause, so they cannot be used as bare aliases or
/// column names (quote them to do so). Everything else, e.g. <c>timestamp</c> or <c>key</c>,
/// stays usable as a name.
/// </summary>
internal static class Keywords
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT", "EMIT", "WITH",
        "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "ON", "AS", "AND", "OR", "NOT", "IN",
        "IS", "BETWEEN", "LIKE", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "PRIMARY", "BY",
        "UNION", "DISTINCT", "NULL", "TRUE", "FALSE", "INTERVAL", "CREATE", "OVER", "ASC", "DESC",
        "INTO",
    };

    public static bool IsReserved(string word) => Reserved.Contains(word);
}
