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

// What one traceparent header adds to a Kafka sink write: `-- sink-header [--records N] [--rounds N]`.
if (args is ["sink-header", ..])
{
    return Velostream.Benchmarks.Tracing.SinkHeaderCostBenchmark.Run(args[1..], Console.Out);
}

// The whole path, file → file (or Kafka → Kafka with --kafka), as a user times it (docs/benchmarks.md): `-- whole-path [--kafka] [--records N] [--rounds N] [--shape wide|ours|both]`.
if (args is ["whole-path", ..])
{
    return Velostream.Benchmarks.WholePath.WholePathBenchmark.Run(args[1..], Console.Out);
}

// S2 and S3 through the embedded broker with and without Kafka transactions (docs/benchmarks.md): `-- --kafka-transactions [records] [rounds]`.
if (args is ["--kafka-transactions", ..])
{
    return Velostream.Benchmarks.Kafka.KafkaBenchmark.RunTransactions(args[1..]);
}

// S2 read directly and through its repartition topic (docs/kafka.md): `-- --kafka-repartition [records] [rounds]`.
if (args is ["--kafka-repartition", ..])
{
    return Velostream.Benchmarks.Kafka.KafkaBenchmark.RunRepartition(args[1..]);
}

// End to end through the embedded broker (docs/kafka.md): `-- --kafka [records]`.
if (args is ["--kafka", ..])
{
    return Velostream.Benchmarks.Kafka.KafkaBenchmark.Run(args[1..]);
}

// Otherwise: the scenarios S1..S5 (see docs/benchmarks.md), printed as a Markdown table.
var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    return 2;
}
return BenchmarkSuite.Run(options, Console.Out);
