using System.Buffers.Text;
using System.Runtime.InteropServices;
using Velostream.Engine.Execution.Formats;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Formats.Csv;

/// <summary>
/// Decodes the columns a query reads from one CSV record, given the header row's column names.
/// Unquoted values are typed by inference: an integer is BIGINT, a number with a fraction exact
/// DECIMAL, an empty field NULL, anything else VARCHAR. A quoted field is always VARCHAR (its
/// quotes say "text"), with <c>""</c> standing for one quote inside it.
/// </summary>
internal sealed class CsvRecordDecoder : IRecordDecoder
{
    private readonly string[] _fields;
    // For each CSV column, the slot it fills, or -1 when the query does not read it.
    private readonly int[] _slotOfColumn;

    public CsvRecordDecoder(IReadOnlyList<string> fields, IReadOnlyList<string> columnNames)
    {
        _fields = [.. fields];
        _slotOfColumn = new int[columnNames.Count];
        for (var c = 0; c < columnNames.Count; c++)
        {
            var slot = Array.IndexOf(_fields, columnNames[c]);
            // SQL names ignore case: a column matches a differently cased field when nothing matches exactly.
            _slotOfColumn[c] = slot >= 0 ? slot : Array.FindIndex(_fields, f => string.Equals(f, columnNames[c], StringComparison.OrdinalIgnoreCase));
        }
    }

    public IReadOnlyList<string> Fields => _fields;

    public int ColumnCount => _slotOfColumn.Length;

    public bool TryDecode(ReadOnlyMemory<byte> payload, Span<SqlValue> slots, out DecodeError error)
    {
        slots[.._fields.Length].Clear();
        if (!MemoryMarshal.TryGetArray(payload, out var segment))
        {
            segment = new ArraySegment<byte>(payload.ToArray());
        }
        var line = segment.AsSpan();
        var pos = 0;
        var column = 0;
        while (true)
        {
            if (column >= _slotOfColumn.Length)
            {
                error = new DecodeError($"expected {_slotOfColumn.Length} fields, found more", pos, column + 1);
                return false;
            }
            var slot = _slotOfColumn[column];
            int end;
            if (pos < line.Length && line[pos] == '"')
            {
                if (!ReadQuoted(segment, pos, out end, out var text, out var reason))
                {
                    error = new DecodeError(reason, pos, column + 1);
                    return false;
                }
                if (slot >= 0) slots[slot] = text;
            }
            else
            {
                var rel = line[pos..].IndexOf((byte)',');
                end = rel < 0 ? line.Length : pos + rel;
                if (slot >= 0) slots[slot] = Infer(segment, pos, end - pos);
            }
            column++;
            if (end >= line.Length)
            {
                break;
            }
            pos = end + 1;
        }
        if (column != _slotOfColumn.Length)
        {
            error = new DecodeError($"expected {_slotOfColumn.Length} fields, found {column}", line.Length, column);
            return false;
        }
        error = default;
        return true;
    }

    /// <summary>Splits a header line into column names.</summary>
    public static bool TrySplitHeader(ReadOnlySpan<byte> line, out List<string> names, out string reason)
    {
        names = [];
        reason = "";
        var array = line.ToArray();
        var segment = new ArraySegment<byte>(array);
        var pos = 0;
        while (true)
        {
            int end;
            if (pos < array.Length && array[pos] == '"')
            {
                if (!ReadQuoted(segment, pos, out end, out var text, out reason)) return false;
                names.Add(text.AsString());
            }
            else
            {
                var rel = array.AsSpan(pos).IndexOf((byte)',');
                end = rel < 0 ? array.Length : pos + rel;
                names.Add(System.Text.Encoding.UTF8.GetString(array, pos, end - pos).Trim());
            }
            if (end >= array.Length) return true;
            pos = end + 1;
        }
    }

    // pos is at the opening quote; end is set to the position after the closing quote (a comma or the end).
    private static bool ReadQuoted(ArraySegment<byte> segment, int pos, out int end, out SqlValue value, out string reason)
    {
        var line = segment.AsSpan();
        var start = pos + 1;
        var i = start;
        var doubled = 0;
        while (true)
        {
            var rel = line[i..].IndexOf((byte)'"');
            if (rel < 0)
            {
                end = line.Length;
                value = default;
                reason = "unterminated quoted field";
                return false;
            }
            i += rel;
            if (i + 1 < line.Length && line[i + 1] == '"')
            {
                doubled++;
                i += 2;
                continue;
            }
            break;
        }
        // i is the closing quote.
        end = i + 1;
        if (end < line.Length && line[end] != ',')
        {
            value = default;
            reason = "unexpected character after a closing quote";
            return false;
        }
        if (doubled == 0)
        {
            value = SqlValue.FromUtf8(segment.Array!, segment.Offset + start, i - start);
        }
        else
        {
            var buffer = new byte[i - start - doubled];
            var w = 0;
            for (var r = start; r < i; r++)
            {
                buffer[w++] = line[r];
                if (line[r] == '"') r++;
            }
            value = SqlValue.FromUtf8(buffer);
        }
        reason = "";
        return true;
    }

    private static SqlValue Infer(ArraySegment<byte> segment, int start, int length)
    {
        var text = segment.AsSpan(start, length);
        if (length == 0)
        {
            return SqlValue.Null;
        }
        var c = text[0];
        if (char.IsAsciiDigit((char)c) || c == '-' || c == '+')
        {
            if (Utf8Parser.TryParse(text, out long l, out var used) && used == length)
            {
                return SqlValue.FromLong(l);
            }
            if (text.IndexOfAny((byte)'e', (byte)'E') < 0 && Utf8Parser.TryParse(text, out decimal m, out used) && used == length)
            {
                return SqlValue.FromDecimal(m);
            }
        }
        return SqlValue.FromUtf8(segment.Array!, segment.Offset + start, length);
    }
}
