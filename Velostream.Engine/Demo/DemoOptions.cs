using System.Globalization;

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

    public const string Usage = "usage: demo [--rate <records/s>] [--seed <n>] [--duration <seconds>] [--plain] [--app <app.sql>]";

    public static DemoOptions? Parse(string[] args, List<string> errors)
    {
        var options = new DemoOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--plain")
            {
                options = options with { Plain = true };
                continue;
            }
            if (i + 1 >= args.Length)
            {
                errors.Add($"option '{name}' needs a value");
                break;
            }
            var value = args[++i];
            switch (name)
            {
                case "--rate" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0:
                    options = options with { Rate = rate };
                    break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--duration" when int.TryParse(value, CultureInfo.InvariantCulture, out var duration) && duration >= 0:
                    options = options with { Duration = duration };
                    break;
                case "--app":
                    options = options with { Application = value };
                    break;
                case "--rate" or "--seed" or "--duration":
                    errors.Add($"option '{name}': invalid value '{value}'");
                    break;
                default:
                    errors.Add($"unknown option '{name}'");
                    break;
            }
        }
        return errors.Count == 0 ? options : null;
    }
}
