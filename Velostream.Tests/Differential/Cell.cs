using System.Globalization;

namespace Velostream.Tests.Differential;

/// <summary>
/// One result value, reduced to what both engines can agree on: NULL, an exact number (integers
/// and decimals, compared by value so 1.50 equals 1.5), an approximate number (DOUBLE), a string or
/// a boolean.
/// </summary>
internal readonly record struct Cell(CellKind Kind, decimal Exact = 0, double Approximate = 0, string? Text = null, bool Boolean = false)
{
    /// <summary>Relative tolerance for DOUBLE results (AVG, STDDEV, VARIANCE, SQRT, POWER): 1e-9.</summary>
    public const double RelativeTolerance = 1e-9;

    public static readonly Cell Null = new(CellKind.Null);

    public static Cell Of(decimal value) => new(CellKind.Exact, Exact: value);

    public static Cell Of(double value) => new(CellKind.Approximate, Approximate: value);

    public static Cell Of(string value) => new(CellKind.Text, Text: value);

    public static Cell Of(bool value) => new(CellKind.Boolean, Boolean: value);

    public bool IsNumber => Kind is CellKind.Exact or CellKind.Approximate;

    public double AsDouble => Kind == CellKind.Exact ? (double)Exact : Approximate;

    /// <summary>
    /// Exact values must be equal; as soon as one side is a DOUBLE, the two must agree to
    /// <see cref="RelativeTolerance"/> (absolute near zero).
    /// </summary>
    public bool Matches(Cell other)
    {
        if (Kind == CellKind.Exact && other.Kind == CellKind.Exact)
        {
            return Exact == other.Exact;
        }
        if (IsNumber && other.IsNumber)
        {
            double a = AsDouble, b = other.AsDouble;
            return a == b || Math.Abs(a - b) <= RelativeTolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
        }
        return Kind == other.Kind && Text == other.Text && Boolean == other.Boolean;
    }

    /// <summary>A sort key that puts matching cells next to each other (doubles rounded to 9 significant digits).</summary>
    public string SortKey => Kind switch
    {
        CellKind.Null => "0",
        CellKind.Exact or CellKind.Approximate => "1" + AsDouble.ToString("E8", CultureInfo.InvariantCulture),
        CellKind.Text => "2" + Text,
        _ => "3" + Boolean,
    };

    public override string ToString() => Kind switch
    {
        CellKind.Null => "NULL",
        CellKind.Exact => Exact.ToString(CultureInfo.InvariantCulture),
        CellKind.Approximate => Approximate.ToString("R", CultureInfo.InvariantCulture) + "d",
        CellKind.Text => "'" + Text!.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "'",
        _ => Boolean ? "TRUE" : "FALSE",
    };
}
