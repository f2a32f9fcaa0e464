using Velostream.Engine.Cli;

namespace Velostream.Engine.Demo;

/// <summary>Options of the <c>demo</c> verb.</summary>
internal sealed record DemoOptions
{
    public double Rate { get; init; } = 500;

    public int Seed { get; init; } = 42;

    /// <summary>Seconds to run; 0 runs until Ctrl+C.</summary>
    public int Duration { get; init; }

    /// <summary>Plain status lines instead of the live table (also used when the terminal is not interactive).</summary>
    public bool Plain { get; init; }

    /// <summary>The SQL application to run; the shipped trading application by default.</summary>
    public string? Application { get; init; }

    public const string Usage =
        "usage: demo [--rate <records/s>] [--seed <n>] [--duration <seconds>] [--plain] [--app <app.sql>]\n" +
        "  --rate <records/s>        the feed's records per second (default 500)\n" +
        "  --seed <n>                seed of the generated data (default 42)\n" +
        "  --duration <seconds>      stop after this long (default 0: until Ctrl+C)\n" +
        "  --plain                   status lines instead of the live table (default when the terminal is not interactive)\n" +
        "  --app <app.sql>           the application to run (default the shipped apps/trading.sql)";

    public static DemoOptions? Parse(string[] args, List<string> errors)
    {
        var options = new DemoOptions();
        OptionReader.Read(args, ["--plain"], (name, value) =>
        {
            switch (name)
            {
                case "--plain":
                    options = options with { Plain = true };
                    return true;
                case "--rate" when OptionReader.TryRate(value!, out var rate):
                    options = options with { Rate = rate };
                    return true;
                case "--seed" when OptionReader.TryInt(value!, out var seed):
                    options = options with { Seed = seed };
                    return true;
                case "--duration" when OptionReader.TryNonNegative(value!, out var duration) && duration <= int.MaxValue:
                    options = options with { Duration = (int)duration };
                    return true;
                case "--app":
                    options = options with { Application = value };
                    return true;
                case "--rate" or "--seed" or "--duration":
                    OptionReader.Invalid(errors, name, value!);
                    return true;
                default:
                    return false;
            }
        }, errors);
        return errors.Count == 0 ? options : null;
    }
}
