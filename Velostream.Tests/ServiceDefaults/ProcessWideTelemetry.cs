namespace Velostream.Tests.ServiceDefaults;

/// <summary>
/// Tests that subscribe to the process-wide <c>Velostream</c> ActivitySource and Meter (as a real service
/// does) run alone, after the parallel ones, so they neither see nor change other tests' telemetry.
/// </summary>
[CollectionDefinition(nameof(ProcessWideTelemetry), DisableParallelization = true)]
public sealed class ProcessWideTelemetry;
