namespace Velostream.Benchmarks.Harness;

/// <summary>One implementation of a scenario, as the runner drives it.</summary>
/// <param name="Name">"engine", "hand-written", "DuckDB".</param>
/// <param name="Records">Input records one iteration processes.</param>
/// <param name="Reset">Untimed: restores the initial state (rewinds sources, clears sinks and state).</param>
/// <param name="Execute">Timed: processes every record and returns the number of output rows.</param>
/// <param name="Managed">False for native contenders, whose allocations the GC does not see.</param>
internal sealed record Contender(string Name, long Records, Action Reset, Func<long> Execute, bool Managed = true);
