using Velostream.Benchmarks;

// Tracing overhead (docs/observability.md): `-- tracing [--records N] [--rounds N]`.
if (args is ["tracing", ..])
{
    return Velostream.Benchmarks.Tracing.TracingOverheadBenchmark.Run(args[1..], Console.Out);
}

// Per-record cost of the telemetry observer, broker-free: `-- tracing-observer [--records N] [--rounds N]`.
if (args is ["tracing-observer", ..])
{
    return Velostream.Benchmarks.Tracing.ObserverCostBenchmark.Run(args[1..], Console.Out);
}

// Runs the benchmark scenarios S1..S5 (see docs/benchmarks.md) and prints the Markdown table.
var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    return 2;
}
return BenchmarkSuite.Run(options, Console.Out);
