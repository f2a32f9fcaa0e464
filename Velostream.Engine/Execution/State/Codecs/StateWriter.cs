using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.State.Codecs;

/// <summary>
/// Writes a state value as compact binary for a changelog record: variable-length integers
/// (ZigZag for signed ones), decimals as their four 32-bit parts (exact, scale kept), text as
/// length-prefixed UTF-8. Reused across values: <see cref="Reset"/> then write, then read <see cref="Written"/>.
/// </summary>
internal sealed class StateWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void Reset() => _buffer.ResetWrittenCount();

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void UInt(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        _buffer.Advance(n);
    }

    public void Long(long value) => UInt((ulong)((value << 1) ^ (value >> 63)));

    public void Double(double value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), BitConverter.DoubleToInt64Bits(value));
        _buffer.Advance(8);
    }

    public void Decimal(decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        var span = _buffer.GetSpan(16);
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[(i * 4)..], parts[i]);
        }
        _buffer.Advance(16);
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        UInt((ulong)value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    public void String(string? value)
    {
        if (value is null)
        {
            UInt(0);
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        UInt((ulong)count + 1);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(count));
        _buffer.Advance(count);
    }

    /// <summary>A SQL value: its kind, then what that kind holds.</summary>
    public void Value(in SqlValue value)
    {
        Byte((byte)value.Kind);
        switch (value.Kind)
        {
            case ValueKind.Null:
                break;
            case ValueKind.Boolean:
                Bool(value.AsBool);
                break;
            case ValueKind.BigInt or ValueKind.Timestamp or ValueKind.Interval:
                Long(value.AsLong);
                break;
            case ValueKind.Double:
                Double(value.AsDouble);
                break;
            case ValueKind.Decimal:
                Decimal(value.AsDecimal);
                break;
            case ValueKind.Varchar:
                Bool(value.IsJsonText);
                Bytes(value.AsUtf8);
                break;
            case ValueKind.Error:
                String(value.ErrorMessage);
                break;
            default:
                throw new InvalidOperationException($"no encoding for value kind {value.Kind}");
        }
    }

    public void Values(SqlValue[] values)
    {
        UInt((ulong)values.Length);
        foreach (var v in values)
        {
            Value(v);
        }
    }
}
