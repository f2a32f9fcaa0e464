// Benchmarks for the scenarios S1..S5 in the README. Filled in by the engine work.
Console.WriteLine("no benchmarks yet");
