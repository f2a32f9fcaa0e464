using Velostream.Engine.Execution.Values;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>
/// A value kept across records. Text is copied into a buffer this holder owns and reuses, so
/// replacing the value (MIN, MAX, LAST_VALUE) does not allocate once the buffer is big enough.
/// </summary>
internal struct OwnedValue
{
    private byte[]? _buffer;

    public SqlValue Value;

    public void Set(in SqlValue value)
    {
        if (value.Kind != ValueKind.Varchar)
        {
            Value = value;
            return;
        }
        var text = value.AsUtf8;
        if (_buffer is null || _buffer.Length < text.Length)
        {
            _buffer = new byte[Math.Max(text.Length, 16)];
        }
        text.CopyTo(_buffer);
        Value = SqlValue.FromUtf8(_buffer, 0, text.Length);
    }
}
