using System.Globalization;

namespace Velostream.Benchmarks;

/// <summary>Command-line options: <c>[--quick] [--records N] [--warmups N] [--iterations N] [--seed N] [--scenarios S1,S2,…] [--engine-only]</c>.</summary>
internal sealed record BenchmarkOptions(int Records, int Warmups, int Iterations, int Seed, IReadOnlySet<string> Scenarios, bool EngineOnly = false)
{
    private static readonly string[] AllScenarios = ["S1", "S2", "S3", "S4", "S5"];

    public static BenchmarkOptions Default { get; } = new(1_000_000, 2, 5, 42, AllScenarios.ToHashSet());

    /// <summary>A smoke run: a fifth of the data, one warm-up, three iterations.</summary>
    public static BenchmarkOptions Quick { get; } = Default with { Records = 200_000, Warmups = 1, Iterations = 3 };

    /// <summary>Parses the arguments; returns null and prints why on invalid input.</summary>
    public static BenchmarkOptions? Parse(string[] args)
    {
        var options = args.Contains("--quick") ? Quick : Default;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--quick":
                    continue;
                case "--engine-only":
                    // Skips the baselines and DuckDB: for profiling the engine alone.
                    options = options with { EngineOnly = true };
                    continue;
                case "--records" when Positive(value) is { } n:
                    options = options with { Records = n };
                    break;
                case "--warmups" when Positive(value, allowZero: true) is { } n:
                    options = options with { Warmups = n };
                    break;
                case "--iterations" when Positive(value) is { } n:
                    options = options with { Iterations = n };
                    break;
                case "--seed" when Positive(value, allowZero: true) is { } n:
                    options = options with { Seed = n };
                    break;
                case "--scenarios" when value is not null:
                    var chosen = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(s => s.ToUpperInvariant()).ToHashSet();
                    if (chosen.Count == 0 || !chosen.IsSubsetOf(AllScenarios))
                    {
                        Console.Error.WriteLine($"--scenarios: expected a comma-separated subset of {string.Join(',', AllScenarios)}, got '{value}'");
                        return null;
                    }
                    options = options with { Scenarios = chosen };
                    break;
                default:
                    Console.Error.WriteLine($"unexpected argument '{args[i]}'{(value is null ? "" : $" '{value}'")}");
                    Console.Error.WriteLine("usage: Velostream.Benchmarks [--quick] [--records N] [--warmups N] [--iterations N] [--seed N] [--scenarios S1,S2,...] [--engine-only]");
                    return null;
            }
            i++;
        }
        return options;
    }

    private static int? Positive(string? value, bool allowZero = false) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (n > 0 || allowZero && n == 0) ? n : null;
}
