using Velostream.Engine.Execution.Values;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Operators.Aggregates.States;

/// <summary>
/// A value kept across records. Text is copied into a buffer this holder owns and reuses, so
/// replacing the value (MIN, MAX, LAST_VALUE, a reused group's key) does not allocate once the
/// buffer is big enough.
/// </summary>
internal struct OwnedValue
{
    private byte[]? _buffer;

    public SqlValue Value;

    /// <summary>Keeps a copy of <paramref name="value"/>'s text (as plain text: JSON text becomes a string).</summary>
    public void Set(in SqlValue value) => Set(value, keepJsonText: false);

    /// <summary>Keeps an exact copy of <paramref name="value"/>, as <see cref="SqlValue.Detach"/> would (JSON text stays JSON text).</summary>
    public void SetExact(in SqlValue value) => Set(value, keepJsonText: true);

    /// <summary>No value (NULL); the buffer is kept for the next one.</summary>
    public void Clear() => Value = default;

    private void Set(in SqlValue value, bool keepJsonText)
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
        Value = keepJsonText && value.IsJsonText
            ? SqlValue.FromJsonText(_buffer, 0, text.Length)
            : SqlValue.FromUtf8(_buffer, 0, text.Length);
    }
}
