using System.Buffers.Binary;
using System.Text;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.State.Codecs;

/// <summary>Reads what <see cref="StateWriter"/> wrote, in the same order; a truncated or malformed record is an <see cref="InvalidDataException"/>.</summary>
internal sealed class StateReader(ReadOnlyMemory<byte> data)
{
    private int _position;

    public bool AtEnd => _position >= data.Length;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > data.Length)
        {
            throw new InvalidDataException($"state record truncated at byte {_position} (wanted {count} more of {data.Length})");
        }
        var span = data.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    public byte Byte() => Take(1)[0];

    public bool Bool() => Byte() != 0;

    public ulong UInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException($"state record: malformed integer before byte {_position}");
    }

    public int Count()
    {
        var n = UInt();
        return n <= (ulong)(data.Length - _position) ? (int)n : throw new InvalidDataException($"state record: count {n} beyond its {data.Length} bytes");
    }

    public long Long()
    {
        var raw = UInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public double Double() => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(Take(8)));

    public decimal Decimal()
    {
        var span = Take(16);
        Span<int> parts = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            parts[i] = BinaryPrimitives.ReadInt32LittleEndian(span[(i * 4)..]);
        }
        return new decimal(parts);
    }

    public byte[] Bytes() => Take(Count()).ToArray();

    public string? String()
    {
        var n = UInt();
        return n == 0 ? null : Encoding.UTF8.GetString(Take(checked((int)n - 1)));
    }

    public SqlValue Value()
    {
        var kind = (ValueKind)Byte();
        switch (kind)
        {
            case ValueKind.Null:
                return SqlValue.Null;
            case ValueKind.Boolean:
                return SqlValue.FromBool(Bool());
            case ValueKind.BigInt:
                return SqlValue.FromLong(Long());
            case ValueKind.Timestamp:
                return SqlValue.FromTimestamp(Long());
            case ValueKind.Interval:
                return SqlValue.FromInterval(Long());
            case ValueKind.Double:
                return SqlValue.FromDouble(Double());
            case ValueKind.Decimal:
                return SqlValue.FromDecimal(Decimal());
            case ValueKind.Varchar:
                var json = Bool();
                var text = Bytes();
                return json ? SqlValue.FromJsonText(text, 0, text.Length) : SqlValue.FromUtf8(text);
            case ValueKind.Error:
                return SqlValue.Error(String() ?? string.Empty);
            default:
                throw new InvalidDataException($"state record: unknown value kind {(byte)kind}");
        }
    }

    public SqlValue[] Values()
    {
        var values = new SqlValue[Count()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Value();
        }
        return values;
    }
}
