namespace Velostream.Benchmarks.Harness;

/// <summary>What the benchmarks report over repeated runs.</summary>
internal static class Statistics
{
    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>A ratio as a signed percentage change (<c>+4.9%</c>, <c>-0.5%</c>, <c>0.0%</c>).</summary>
    public static string Change(double ratio) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Round((ratio - 1) * 100, 1):+0.0;-0.0;0.0}%");
}
