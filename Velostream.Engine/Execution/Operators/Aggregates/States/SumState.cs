using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>
/// SUM and AVG. The running sum stays BIGINT while every value is, becomes exact DECIMAL once a
/// DECIMAL arrives (or a BIGINT sum overflows) and DOUBLE once a DOUBLE arrives. SUM of no
/// values is NULL. AVG is sum / count in the sum's type, except that the AVG of BIGINTs is a DOUBLE;
/// the AVG of DECIMALs is exact to 28 significant digits.
/// </summary>
internal sealed class SumState(bool average) : AggregateState
{
    private ValueKind _kind = ValueKind.Null;
    private long _long;
    private decimal _decimal;
    private double _double;
    private long _count;
    private bool _overflowed;

    public override void Add(in SqlValue value, long sequence)
    {
        try
        {
            switch (value.Kind)
            {
                case ValueKind.BigInt:
                    AddLong(value.AsLong);
                    break;
                case ValueKind.Decimal:
                    AddDecimal(value.AsDecimal);
                    break;
                case ValueKind.Double:
                    AddDouble(value.AsDouble);
                    break;
                default:
                    return;
            }
        }
        catch (OverflowException)
        {
            // A DECIMAL sum beyond DECIMAL's range: the group's result is an overflow error, not a wrapped or rounded number.
            _overflowed = true;
        }
        _count++;
    }

    private void AddLong(long v)
    {
        switch (_kind)
        {
            case ValueKind.Null:
                _kind = ValueKind.BigInt;
                _long = v;
                break;
            case ValueKind.BigInt:
                var r = _long + v;
                if (((_long ^ r) & (v ^ r)) < 0)
                {
                    _kind = ValueKind.Decimal;
                    _decimal = (decimal)_long + v;
                }
                else
                {
                    _long = r;
                }
                break;
            case ValueKind.Decimal:
                _decimal += v;
                break;
            default:
                _double += v;
                break;
        }
    }

    private void AddDecimal(decimal v)
    {
        switch (_kind)
        {
            case ValueKind.Null:
                _kind = ValueKind.Decimal;
                _decimal = v;
                break;
            case ValueKind.BigInt:
                _kind = ValueKind.Decimal;
                _decimal = _long + v;
                break;
            case ValueKind.Decimal:
                _decimal += v;
                break;
            default:
                _double += (double)v;
                break;
        }
    }

    private void AddDouble(double v)
    {
        switch (_kind)
        {
            case ValueKind.Null:
                _double = v;
                break;
            case ValueKind.BigInt:
                _double = _long + v;
                break;
            case ValueKind.Decimal:
                _double = (double)_decimal + v;
                break;
            default:
                _double += v;
                break;
        }
        _kind = ValueKind.Double;
    }

    public override SqlValue Result()
    {
        if (_count == 0) return SqlValue.Null;
        if (_overflowed) return SqlArithmetic.Overflow();
        if (!average)
        {
            return _kind switch
            {
                ValueKind.BigInt => SqlValue.FromLong(_long),
                ValueKind.Decimal => SqlValue.FromDecimal(_decimal),
                _ => SqlValue.FromDouble(_double),
            };
        }
        return _kind switch
        {
            ValueKind.BigInt => SqlValue.FromDouble((double)_long / _count),
            ValueKind.Decimal => SqlValue.FromDecimal(_decimal / _count),
            _ => SqlValue.FromDouble(_double / _count),
        };
    }

    public override void Reset()
    {
        _kind = ValueKind.Null;
        _long = 0;
        _decimal = 0m;
        _double = 0;
        _count = 0;
        _overflowed = false;
    }

    public override void Write(StateWriter writer)
    {
        writer.Byte((byte)_kind);
        writer.Long(_long);
        writer.Decimal(_decimal);
        writer.Double(_double);
        writer.Long(_count);
        writer.Bool(_overflowed);
    }

    public override void Read(StateReader reader)
    {
        _kind = (ValueKind)reader.Byte();
        _long = reader.Long();
        _decimal = reader.Decimal();
        _double = reader.Double();
        _count = reader.Long();
        _overflowed = reader.Bool();
    }

    public override void Merge(AggregateState other)
    {
        var o = (SumState)other;
        if (o._count == 0) return;
        var count = _count;
        _overflowed |= o._overflowed;
        try
        {
            switch (o._kind)
            {
                case ValueKind.BigInt:
                    AddLong(o._long);
                    break;
                case ValueKind.Decimal:
                    AddDecimal(o._decimal);
                    break;
                default:
                    AddDouble(o._double);
                    break;
            }
        }
        catch (OverflowException)
        {
            _overflowed = true;
        }
        _count = count + o._count;
    }
}
