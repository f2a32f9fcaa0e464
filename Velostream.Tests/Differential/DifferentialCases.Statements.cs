namespace Velostream.Tests.Differential;

/// <summary>Differential queries for statement forms: a SELECT without FROM computes one row of constants.</summary>
internal static class DifferentialStatementCases
{
    public static readonly IReadOnlyList<DifferentialCase> All =
    [
        new("SELECT without FROM gives one row of constant expressions",
            "SELECT 1 AS one, 2 * 3 + 4 AS ten, 'a' || 'b' AS ab, UPPER('x') AS u, LENGTH('hello') AS len, 10 - 2.5 AS d, CASE WHEN 2 > 1 THEN 'yes' ELSE 'no' END AS c",
            "SELECT 1 AS one, 2 * 3 + 4 AS ten, 'a' || 'b' AS ab, UPPER('x') AS u, LENGTH('hello') AS len, 10 - 2.5 AS d, CASE WHEN 2 > 1 THEN 'yes' ELSE 'no' END AS c"),
    ];
}
