using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Aggregates;

/// <summary>
/// STDDEV_SAMP/STDDEV_POP/VARIANCE over non-NULL numbers, as DOUBLE, with Welford's numerically
/// stable update (and Chan's formula to merge). Sample statistics of fewer than two values are NULL.
/// </summary>
internal sealed class VarianceState(VarianceState.Output output) : AggregateState
{
    internal enum Output { StddevSamp, StddevPop, VarianceSamp }

    private long _n;
    private double _mean;
    private double _m2;

    public override void Add(in SqlValue value, long sequence)
    {
        if (!value.IsNumeric) return;
        var x = value.ToDouble();
        _n++;
        var delta = x - _mean;
        _mean += delta / _n;
        _m2 += delta * (x - _mean);
    }

    public override SqlValue Result()
    {
        if (output == Output.StddevPop)
        {
            return _n == 0 ? SqlValue.Null : SqlValue.FromDouble(Math.Sqrt(_m2 / _n));
        }
        if (_n < 2) return SqlValue.Null;
        var variance = _m2 / (_n - 1);
        return SqlValue.FromDouble(output == Output.VarianceSamp ? variance : Math.Sqrt(variance));
    }

    public override void Merge(AggregateState other)
    {
        var o = (VarianceState)other;
        if (o._n == 0) return;
        var n = _n + o._n;
        var delta = o._mean - _mean;
        _m2 += o._m2 + delta * delta * _n * o._n / n;
        _mean += delta * o._n / n;
        _n = n;
    }
}
