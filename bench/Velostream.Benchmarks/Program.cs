// Tracing overhead: `dotnet run -c Release --project bench/Velostream.Benchmarks -- tracing [--records N] [--rounds N]`.
if (args is ["tracing", ..])
{
    return Velostream.Benchmarks.Tracing.TracingOverheadBenchmark.Run(args[1..], Console.Out);
}

// Benchmarks for the scenarios S1..S5 in the README. Filled in by the engine work.
Console.WriteLine("no benchmarks yet");
return 0;
