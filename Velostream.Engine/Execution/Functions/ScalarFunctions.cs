
namespace Velostream.Engine.Execution.Functions;

/// <summary>
/// Every scalar function the engine implements, by upper-case name. COALESCE, CASE and CAST are
/// compiled to their own nodes (they evaluate lazily); aggregates live in <c>Aggregates/</c>.
/// </summary>
internal static class ScalarFunctions
{
    private const int Many = int.MaxValue;

    private static readonly Dictionary<string, ScalarFunction> ByName = new ScalarFunction[]
    {
        new("ABS", 1, 1, MathFunctions.Abs),
        new("ROUND", 1, 2, MathFunctions.Round),
        new("CEIL", 1, 1, MathFunctions.Ceil),
        new("CEILING", 1, 1, MathFunctions.Ceil),
        new("FLOOR", 1, 1, MathFunctions.Floor),
        new("SQRT", 1, 1, MathFunctions.Sqrt),
        new("POWER", 2, 2, MathFunctions.Power),
        new("POW", 2, 2, MathFunctions.Power),
        new("MOD", 2, 2, MathFunctions.Mod),
        new("LEAST", 1, Many, MathFunctions.Least),
        new("GREATEST", 1, Many, MathFunctions.Greatest),
        new("UPPER", 1, 1, StringFunctions.Upper),
        new("LOWER", 1, 1, StringFunctions.Lower),
        new("SUBSTRING", 2, 3, StringFunctions.Substring),
        new("SUBSTR", 2, 3, StringFunctions.Substring),
        new("REPLACE", 3, 3, StringFunctions.Replace),
        new("TRIM", 1, 1, StringFunctions.Trim),
        new("LENGTH", 1, 1, StringFunctions.Length),
        new("LEN", 1, 1, StringFunctions.Length),
        new("CONCAT", 1, Many, (args, _) => StringFunctions.Concat(args)),
        new("SPLIT_PART", 3, 3, StringFunctions.SplitPart),
        new("NULLIF", 2, 2, ConditionalFunctions.NullIf),
        new("NOW", 0, 0, TimeFunctions.Now, IsDeterministic: false),
        new("CURRENT_TIMESTAMP", 0, 0, TimeFunctions.Now, IsDeterministic: false),
        new("EXTRACT", 2, 2, TimeFunctions.Extract),
        new("TUMBLE_START", 0, 2, TimeFunctions.TumbleStart, IsDeterministic: false),
        new("TUMBLE_END", 0, 2, TimeFunctions.TumbleEnd, IsDeterministic: false),
    }.Concat(ParityScalarFunctions.All).ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Functions compiled to dedicated nodes rather than looked up here.</summary>
    public static readonly IReadOnlySet<string> Special = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "COALESCE", "CAST" };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static ScalarFunction? Find(string name) => ByName.GetValueOrDefault(name);
}
