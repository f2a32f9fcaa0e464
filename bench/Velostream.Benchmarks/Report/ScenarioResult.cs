using Velostream.Benchmarks.Harness;
using Velostream.Benchmarks.Scenarios;

namespace Velostream.Benchmarks.Report;

/// <summary>What one scenario measured; a contender that did not run (or failed) is null.</summary>
internal sealed record ScenarioResult(Scenario Scenario, Measurement? Engine, Measurement? Baseline, Measurement? DuckDb)
{
    public double? BaselineRatio => Engine is not null && Baseline is not null
        ? Engine.RecordsPerSecond / Baseline.RecordsPerSecond
        : null;

    /// <summary>Every target of the scenario met; null when the engine was not measured.</summary>
    public bool? Met => Engine is null
        ? null
        : Engine.RecordsPerSecond >= Scenario.TargetRecordsPerSecond
          && (Scenario.MaxBytesPerRecord is not { } budget || Engine.BytesPerRecord <= budget)
          && (Scenario.MinBaselineRatio is not { } ratio || BaselineRatio is not { } r || r >= ratio);
}
