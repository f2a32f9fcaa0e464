using Velostream.Benchmarks;

// Runs the benchmark scenarios S1..S5 (see docs/benchmarks.md) and prints the Markdown table.
var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    return 2;
}
return BenchmarkSuite.Run(options, Console.Out);
