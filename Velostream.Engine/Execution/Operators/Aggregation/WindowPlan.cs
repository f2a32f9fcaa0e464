namespace Velostream.Engine.Execution.Operators.Aggregation;

/// <summary>The WINDOW clause in milliseconds: Size (tumbling, sliding), Advance (sliding), Gap (session).</summary>
internal sealed record WindowPlan(WindowKind Kind, long Size, long Advance, long Gap)
{
    public static readonly WindowPlan None = new(WindowKind.None, 0, 0, 0);

    /// <summary>Floor division that also works for times before 1970.</summary>
    public static long AlignDown(long t, long step) => t - (((t % step) + step) % step);
}
