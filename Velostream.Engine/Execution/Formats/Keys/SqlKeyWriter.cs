using System.Buffers.Binary;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Formats.Keys;

/// <summary>
/// Serialises key values (GROUP BY columns, join keys) into bytes so a hash table can be probed
/// with a span, without allocating for keys already present. Numerically equal values produce the
/// same bytes (5, 5.0 and 5.00 as DECIMAL are one key; integral doubles match integers).
/// </summary>
internal sealed class SqlKeyWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Reset() => _length = 0;

    public void Append(in SqlValue value)
    {
        switch (value.Kind)
        {
            case ValueKind.Null:
                Tag(0);
                break;
            case ValueKind.Boolean:
                Tag(1);
                Byte(value.AsBool ? (byte)1 : (byte)0);
                break;
            case ValueKind.BigInt:
                Long(2, value.AsLong);
                break;
            case ValueKind.Decimal:
                AppendDecimal(value.AsDecimal);
                break;
            case ValueKind.Double:
                var d = value.AsDouble;
                if (d == Math.Floor(d) && d >= long.MinValue && d < long.MaxValue)
                {
                    Long(2, (long)d);
                }
                else
                {
                    Long(3, BitConverter.DoubleToInt64Bits(d));
                }
                break;
            case ValueKind.Varchar:
                var text = value.AsUtf8;
                Ensure(5 + text.Length);
                _buffer[_length++] = 5;
                BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), text.Length);
                _length += 4;
                text.CopyTo(_buffer.AsSpan(_length));
                _length += text.Length;
                break;
            case ValueKind.Timestamp:
                Long(6, value.AsLong);
                break;
            case ValueKind.Interval:
                Long(7, value.AsLong);
                break;
            default:
                Tag(9);
                break;
        }
    }

    private void AppendDecimal(decimal m)
    {
        if (decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue)
        {
            Long(2, (long)m);
            return;
        }
        // Strip trailing zeros so 1.50 and 1.5 are one key.
        var normal = m / 1.0000000000000000000000000000m;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(normal, bits);
        Ensure(17);
        _buffer[_length++] = 4;
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), bits[i]);
            _length += 4;
        }
    }

    private void Tag(byte tag)
    {
        Ensure(1);
        _buffer[_length++] = tag;
    }

    private void Byte(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    private void Long(byte tag, long v)
    {
        Ensure(9);
        _buffer[_length++] = tag;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), v);
        _length += 8;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
