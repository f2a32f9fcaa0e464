using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>
/// STDDEV_SAMP/STDDEV_POP/VARIANCE over non-NULL numbers, as DOUBLE. While every value is BIGINT or
/// DECIMAL the sums are kept exactly (Σx, Σx² as decimals), so the variance is exact before the
/// final conversion (VARIANCE of 4, 2, 2, 8 is 8, not 8.000000000000002); DOUBLE inputs or decimal
/// overflow fall back to Welford's numerically stable update. Sample statistics of fewer than two
/// values are NULL.
/// </summary>
internal sealed class VarianceState(VarianceState.Output output) : AggregateState
{
    internal enum Output { StddevSamp, StddevPop, VarianceSamp }

    private long _n;
    private double _mean;
    private double _m2;
    private bool _exact = true;
    private decimal _sum;
    private decimal _sumSquares;

    public override void Add(in SqlValue value, long sequence)
    {
        if (!value.IsNumeric) return;
        var x = value.ToDouble();
        _n++;
        var delta = x - _mean;
        _mean += delta / _n;
        _m2 += delta * (x - _mean);
        if (_exact)
        {
            if (value.Kind == ValueKind.Double)
            {
                _exact = false;
                return;
            }
            try
            {
                var m = value.ToDecimal();
                _sum += m;
                _sumSquares += m * m;
            }
            catch (OverflowException)
            {
                _exact = false;
            }
        }
    }

    public override SqlValue Result()
    {
        var population = output == Output.StddevPop;
        if (_n == 0 || (!population && _n < 2)) return SqlValue.Null;
        var variance = ExactVariance(population) ?? (_m2 / (population ? _n : _n - 1));
        return SqlValue.FromDouble(output == Output.VarianceSamp ? variance : Math.Sqrt(variance));
    }

    private double? ExactVariance(bool population)
    {
        if (!_exact) return null;
        try
        {
            var squaredDeviations = _sumSquares - _sum * _sum / _n;
            return (double)(squaredDeviations / (population ? _n : _n - 1));
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public override void Reset()
    {
        _n = 0;
        _mean = 0;
        _m2 = 0;
        _exact = true;
        _sum = 0m;
        _sumSquares = 0m;
    }

    public override void Write(StateWriter writer)
    {
        writer.Long(_n);
        writer.Double(_mean);
        writer.Double(_m2);
        writer.Bool(_exact);
        writer.Decimal(_sum);
        writer.Decimal(_sumSquares);
    }

    public override void Read(StateReader reader)
    {
        _n = reader.Long();
        _mean = reader.Double();
        _m2 = reader.Double();
        _exact = reader.Bool();
        _sum = reader.Decimal();
        _sumSquares = reader.Decimal();
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
        _exact &= o._exact;
        if (_exact)
        {
            try
            {
                _sum += o._sum;
                _sumSquares += o._sumSquares;
            }
            catch (OverflowException)
            {
                _exact = false;
            }
        }
    }
}
