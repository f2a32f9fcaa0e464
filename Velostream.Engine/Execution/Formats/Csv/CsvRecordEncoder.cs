using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Formats.Csv;

/// <summary>
/// Writes one CSV line per row (RFC 4180 quoting: fields with a comma, quote or line break are
/// quoted and quotes doubled). NULL is an empty field; other values are written as in JSON output.
/// The header row is <see cref="Header"/>; the file sink writes it first.
/// </summary>
internal sealed class CsvRecordEncoder : IRecordEncoder
{
    private readonly int _columns;
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public CsvRecordEncoder(IReadOnlyList<string> columns)
    {
        _columns = columns.Count;
        foreach (var c in columns)
        {
            if (_buffer.WrittenCount > 0) Append((byte)',');
            AppendText(Encoding.UTF8.GetBytes(c));
        }
        Header = _buffer.WrittenSpan.ToArray();
    }

    /// <summary>The header line (without a line break).</summary>
    public byte[] Header { get; }

    public ReadOnlySpan<byte> Encode(ReadOnlySpan<SqlValue> row)
    {
        _buffer.ResetWrittenCount();
        for (var i = 0; i < _columns; i++)
        {
            if (i > 0) Append((byte)',');
            var v = row[i];
            var span = _buffer.GetSpan(64);
            int n;
            switch (v.Kind)
            {
                case ValueKind.Null:
                case ValueKind.Error:
                    break;
                case ValueKind.BigInt:
                case ValueKind.Interval:
                    Utf8Formatter.TryFormat(v.AsLong, span, out n);
                    _buffer.Advance(n);
                    break;
                case ValueKind.Decimal:
                    _buffer.Advance(DecimalFormatter.Format(v.AsDecimal, span));
                    break;
                case ValueKind.Double:
                    v.AsDouble.TryFormat(span, out n, "R", System.Globalization.CultureInfo.InvariantCulture);
                    _buffer.Advance(n);
                    break;
                case ValueKind.Boolean:
                    AppendRaw(v.AsBool ? "true"u8 : "false"u8);
                    break;
                case ValueKind.Timestamp:
                    _buffer.Advance(SqlTime.FormatIso(v.AsLong, span));
                    break;
                case ValueKind.Varchar:
                    AppendText(v.AsUtf8);
                    break;
            }
        }
        return _buffer.WrittenSpan;
    }

    private void AppendText(ReadOnlySpan<byte> text)
    {
        if (text.IndexOfAny(",\"\r\n"u8) < 0)
        {
            AppendRaw(text);
            return;
        }
        Append((byte)'"');
        foreach (var b in text)
        {
            Append(b);
            if (b == '"') Append(b);
        }
        Append((byte)'"');
    }

    private void AppendRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }

    private void Append(byte b)
    {
        _buffer.GetSpan(1)[0] = b;
        _buffer.Advance(1);
    }
}
