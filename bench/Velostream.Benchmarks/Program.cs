using Velostream.Benchmarks;

// Runs the benchmark scenarios S1..S5 (see docs/benchmarks.md) and prints the Markdown table;
// `--kafka [records]` runs the end-to-end Kafka figures on the embedded broker instead.
if (args.Length > 0 && args[0] == "--kafka")
{
    return Velostream.Benchmarks.Kafka.KafkaBenchmark.Run(args[1..]);
}
var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    return 2;
}
return BenchmarkSuite.Run(options, Console.Out);
