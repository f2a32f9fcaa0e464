namespace Velostream.Benchmarks.Scenarios;

/// <summary>
/// One benchmark scenario: the engine's SQL, the equivalent DuckDB query where the comparison is
/// asked for, and the targets on the reference machine.
/// </summary>
/// <param name="Id">S1..S5.</param>
/// <param name="Title">What the scenario exercises, for the table.</param>
/// <param name="Sql">The query in Velostream's dialect, as the engine compiles it.</param>
/// <param name="TargetRecordsPerSecond">Engine throughput target (records in per second).</param>
/// <param name="DuckDbQuery">The same computation in DuckDB's SQL over <c>market_data</c>, or null.</param>
/// <param name="MaxBytesPerRecord">Allocation budget per input record, or null when none is set.</param>
/// <param name="MinBaselineRatio">Engine ÷ hand-written throughput the engine must reach, or null.</param>
internal sealed record Scenario(
    string Id,
    string Title,
    string Sql,
    double TargetRecordsPerSecond,
    string? DuckDbQuery = null,
    double? MaxBytesPerRecord = null,
    double? MinBaselineRatio = null);
