using Velostream.Benchmarks.Harness;
using Velostream.Benchmarks.Scenarios;

namespace Velostream.Benchmarks.Report;

/// <summary>
/// What one scenario measured; a contender that did not run (or failed) is null. Targets and the
/// ratio are judged on CPU-time throughput, which does not depend on what else the machine runs.
/// </summary>
internal sealed record ScenarioResult(Scenario Scenario, Measurement? Engine, Measurement? Baseline, Measurement? DuckDb)
{
    public double? BaselineRatio => Engine is not null && Baseline is not null
        ? Engine.RecordsPerCpuSecond / Baseline.RecordsPerCpuSecond
        : null;

    /// <summary>"yes", or "no" with each missed target and by how much; "—" when the engine was not measured.</summary>
    public string Verdict
    {
        get
        {
            if (Engine is null) return "—";
            var missed = new List<string>();
            if (Engine.RecordsPerCpuSecond < Scenario.TargetRecordsPerSecond)
            {
                missed.Add(FormattableString.Invariant($"{Engine.RecordsPerCpuSecond / Scenario.TargetRecordsPerSecond:0%} of rate"));
            }
            if (Scenario.MaxBytesPerRecord is { } budget && Engine.BytesPerRecord > budget)
            {
                missed.Add(FormattableString.Invariant($"{Engine.BytesPerRecord:0} B"));
            }
            if (Scenario.MinBaselineRatio is { } ratio && BaselineRatio is { } r && r < ratio)
            {
                missed.Add(FormattableString.Invariant($"÷ {r:0.00}"));
            }
            return missed.Count == 0 ? "yes" : $"no ({string.Join(", ", missed)})";
        }
    }
}
