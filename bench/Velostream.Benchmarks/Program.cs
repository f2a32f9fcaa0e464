// Benchmarks for the scenarios S1..S5 in the README. Filled in by the engine work.
if (args.Length > 0 && args[0] == "--kafka")
{
    return Velostream.Benchmarks.Kafka.KafkaBenchmark.Run(args[1..]);
}
Console.WriteLine("no benchmarks yet");
return 0;
