using System.Text;

namespace Velostream.Tests.Differential;

/// <summary>
/// Compares two results: the same column names in the same order, and the same rows, as
/// multisets (order ignored) unless the query's semantics fix an order (LIMIT).
/// </summary>
internal static class ResultComparison
{
    /// <summary>Returns null when the results agree, else a description of the first differences.</summary>
    public static string? Difference(ResultSet expected, ResultSet actual, bool ordered)
    {
        if (!expected.Columns.SequenceEqual(actual.Columns, StringComparer.OrdinalIgnoreCase))
        {
            return $"columns differ: expected [{string.Join(", ", expected.Columns)}], got [{string.Join(", ", actual.Columns)}]";
        }
        var e = ordered ? expected.Rows.ToList() : Sort(expected.Rows);
        var a = ordered ? actual.Rows.ToList() : Sort(actual.Rows);
        var report = new StringBuilder();
        if (e.Count != a.Count)
        {
            report.AppendLine($"row counts differ: expected {e.Count}, got {a.Count}");
        }
        var shown = 0;
        for (var i = 0; i < Math.Max(e.Count, a.Count) && shown < 10; i++)
        {
            var left = i < e.Count ? e[i] : null;
            var right = i < a.Count ? a[i] : null;
            if (left is null || right is null || left.Length != right.Length || !left.Zip(right).All(p => p.First.Matches(p.Second)))
            {
                report.AppendLine($"row {i}: expected {Format(left)}");
                report.AppendLine($"{new string(' ', 4 + i.ToString().Length)}got      {Format(right)}");
                shown++;
            }
        }
        return report.Length == 0 ? null : report.ToString();
    }

    private static List<Cell[]> Sort(IReadOnlyList<Cell[]> rows) =>
        rows.OrderBy(r => string.Join("\u0001", r.Select(c => c.SortKey)), StringComparer.Ordinal).ToList();

    private static string Format(Cell[]? row) => row is null ? "(none)" : "(" + string.Join(", ", row) + ")";
}
