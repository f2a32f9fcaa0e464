using System.Globalization;

namespace Velostream.Engine.Cli;

/// <summary>
/// Walks a verb's <c>--name value</c> options (and its value-less flags) and collects what is
/// wrong, so every verb reports bad options in the same words.
/// </summary>
internal static class OptionReader
{
    /// <summary>
    /// Calls <paramref name="apply"/> for each option with its value (null for a flag named in
    /// <paramref name="flags"/>). <paramref name="apply"/> returns false for an option it does not know.
    /// </summary>
    public static void Read(string[] args, IReadOnlyCollection<string> flags, Func<string, string?, bool> apply, List<string> errors)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string? value = null;
            if (!flags.Contains(name))
            {
                if (i + 1 >= args.Length)
                {
                    errors.Add($"option '{name}' needs a value");
                    return;
                }
                value = args[++i];
            }
            if (!apply(name, value))
            {
                errors.Add($"unknown option '{name}'");
            }
        }
    }

    public static void Invalid(List<string> errors, string name, string value) => errors.Add($"option '{name}': invalid value '{value}'");

    /// <summary>A records-per-second rate: a positive number.</summary>
    public static bool TryRate(string value, out double rate) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) && rate > 0;

    public static bool TryInt(string value, out int number) => int.TryParse(value, CultureInfo.InvariantCulture, out number);

    public static bool TryNonNegative(string value, out long number) =>
        long.TryParse(value, CultureInfo.InvariantCulture, out number) && number >= 0;
}
