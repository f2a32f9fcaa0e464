using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>
/// CORR(y, x): the Pearson correlation coefficient of the pairs where both are non-NULL numbers,
/// as DOUBLE; NULL for fewer than two pairs or when either side does not vary. Fixed size:
/// count, means and co-moments, updated with Welford's stable method.
/// </summary>
internal sealed class CorrState : AggregateState
{
    public long Count { get; private set; }
    public double MeanX { get; private set; }
    public double MeanY { get; private set; }
    public double M2X { get; private set; }
    public double M2Y { get; private set; }
    public double CoMoment { get; private set; }

    /// <summary>CORR takes pairs: a single value cannot be folded in.</summary>
    public override void Add(in SqlValue value, long sequence) =>
        throw new InvalidOperationException("CORR folds (y, x) pairs; the planner passes both arguments");

    public override void AddPair(in SqlValue y, in SqlValue x, long sequence)
    {
        if (!y.IsNumeric || !x.IsNumeric) return;
        double yv = y.ToDouble(), xv = x.ToDouble();
        Count++;
        var dx = xv - MeanX;
        MeanX += dx / Count;
        var dy = yv - MeanY;
        MeanY += dy / Count;
        M2X += dx * (xv - MeanX);
        M2Y += dy * (yv - MeanY);
        CoMoment += dx * (yv - MeanY);
    }

    public override SqlValue Result()
    {
        if (Count < 2 || M2X == 0 || M2Y == 0) return SqlValue.Null;
        return SqlValue.FromDouble(CoMoment / Math.Sqrt(M2X * M2Y));
    }

    public override void Merge(AggregateState other)
    {
        var o = (CorrState)other;
        if (o.Count == 0) return;
        if (Count == 0)
        {
            (Count, MeanX, MeanY, M2X, M2Y, CoMoment) = (o.Count, o.MeanX, o.MeanY, o.M2X, o.M2Y, o.CoMoment);
            return;
        }
        // Chan et al.'s pairwise combination of two partial moments.
        double n = Count + o.Count, dx = o.MeanX - MeanX, dy = o.MeanY - MeanY;
        var weight = (double)Count * o.Count / n;
        M2X += o.M2X + dx * dx * weight;
        M2Y += o.M2Y + dy * dy * weight;
        CoMoment += o.CoMoment + dx * dy * weight;
        MeanX += dx * o.Count / n;
        MeanY += dy * o.Count / n;
        Count += o.Count;
    }

    public override void Reset()
    {
        Count = 0;
        MeanX = 0;
        MeanY = 0;
        M2X = 0;
        M2Y = 0;
        CoMoment = 0;
    }

    public override void Write(StateWriter writer)
    {
        writer.Long(Count);
        writer.Double(MeanX);
        writer.Double(MeanY);
        writer.Double(M2X);
        writer.Double(M2Y);
        writer.Double(CoMoment);
    }

    public override void Read(StateReader reader)
    {
        Count = reader.Long();
        (MeanX, MeanY, M2X, M2Y, CoMoment) = (reader.Double(), reader.Double(), reader.Double(), reader.Double(), reader.Double());
    }
}
