using System.Globalization;
using System.Text;

namespace Velostream.Benchmarks.Report;

/// <summary>
/// Formats the results as the Markdown table that the README and docs/benchmarks.md carry.
/// Throughputs are per second of the benchmark thread's CPU time (what an idle machine's wall
/// clock shows); the engine's wall-clock figure is given next to it.
/// </summary>
internal static class MarkdownTable
{
    public static string Format(IEnumerable<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| Scenario | Engine rec/s (CPU) | Engine rec/s (wall) | B/record | Hand-written rec/s (CPU) | Engine ÷ hand-written | DuckDB rec/s (CPU) | Target | Met? |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|:---:|");
        foreach (var r in results)
        {
            var s = r.Scenario;
            var target = Rate(s.TargetRecordsPerSecond) + "/s"
                + (s.MinBaselineRatio is { } ratio ? $", ÷ ≥ {ratio:0.0#}" : "")
                + (s.MaxBytesPerRecord is { } budget ? $", ≤ {budget:0} B" : "");
            text.Append(CultureInfo.InvariantCulture, $"| {s.Id} {s.Title} ")
                .Append(CultureInfo.InvariantCulture, $"| {(r.Engine is null ? "failed" : Rate(r.Engine.RecordsPerCpuSecond))} ")
                .Append(CultureInfo.InvariantCulture, $"| {(r.Engine is null ? "—" : Rate(r.Engine.RecordsPerSecond))} ")
                .Append(CultureInfo.InvariantCulture, $"| {(r.Engine?.BytesPerRecord is { } b ? b.ToString("0.0", CultureInfo.InvariantCulture) : "—")} ")
                .Append(CultureInfo.InvariantCulture, $"| {(r.Baseline is null ? "—" : Rate(r.Baseline.RecordsPerCpuSecond))} ")
                .Append(CultureInfo.InvariantCulture, $"| {(r.BaselineRatio is { } q ? q.ToString("0.00", CultureInfo.InvariantCulture) : "—")} ")
                .Append(CultureInfo.InvariantCulture, $"| {(r.DuckDb is null ? "—" : Rate(r.DuckDb.RecordsPerCpuSecond))} ")
                .Append(CultureInfo.InvariantCulture, $"| {target} ")
                .Append(CultureInfo.InvariantCulture, $"| {r.Verdict} |")
                .AppendLine();
        }
        return text.ToString();
    }

    /// <summary>1234567 → "1.23 M", 456789 → "457 K".</summary>
    public static string Rate(double perSecond) => perSecond >= 1_000_000
        ? (perSecond / 1_000_000).ToString("0.00 M", CultureInfo.InvariantCulture)
        : (perSecond / 1_000).ToString("0 K", CultureInfo.InvariantCulture);
}
