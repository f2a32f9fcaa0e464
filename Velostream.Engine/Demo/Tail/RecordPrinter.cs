using System.Globalization;
using System.Text;
using System.Text.Json;
using Velostream.Engine.Connectors;

namespace Velostream.Engine.Demo.Tail;

/// <summary>
/// Formats consumed records for a terminal: JSON lines (one object per record, the value embedded as
/// JSON when it is JSON) or a table whose header is repeated whenever a topic's columns change.
/// </summary>
internal sealed class RecordPrinter
{
    private readonly TailFormat _format;
    private readonly TextWriter _output;
    private readonly Dictionary<string, string> _headers = new(StringComparer.Ordinal);

    public RecordPrinter(TailFormat format, TextWriter output)
    {
        _format = format;
        _output = output;
    }

    public void Print(in SourceRecord record)
    {
        if (_format == TailFormat.Json)
        {
            _output.WriteLine(ToJsonLine(record));
        }
        else
        {
            PrintRow(record);
        }
    }

    public static string ToJsonLine(in SourceRecord record)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("topic", record.Topic);
            json.WriteNumber("partition", record.Partition);
            json.WriteNumber("offset", record.Offset);
            json.WriteNumber("timestamp", record.TimestampMs);
            if (record.Key.IsEmpty)
            {
                json.WriteNull("key");
            }
            else
            {
                json.WriteString("key", Encoding.UTF8.GetString(record.Key.Span));
            }
            json.WritePropertyName("value");
            if (IsJson(record.Value.Span))
            {
                json.WriteRawValue(record.Value.Span, skipInputValidation: true);
            }
            else
            {
                json.WriteStringValue(Encoding.UTF8.GetString(record.Value.Span));
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private void PrintRow(in SourceRecord record)
    {
        var columns = new List<string>();
        var values = new List<string>();
        if (IsJson(record.Value.Span) && JsonDocument.Parse(record.Value) is { RootElement.ValueKind: JsonValueKind.Object } document)
        {
            using (document)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    columns.Add(property.Name);
                    values.Add(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText());
                }
            }
        }
        else
        {
            columns.Add("value");
            values.Add(Encoding.UTF8.GetString(record.Value.Span));
        }
        var widths = columns.Select(c => Math.Max(c.Length, 12)).ToList();
        var topic = record.Topic ?? "";
        var header = $"{"time",-12} {"topic",-18} {"key",-8} " + string.Join(" ", columns.Select((c, i) => c.PadRight(widths[i])));
        if (!_headers.TryGetValue(topic, out var previous) || previous != header)
        {
            _headers[topic] = header;
            _output.WriteLine(header);
        }
        var time = record.TimestampMs < 0
            ? "-"
            : DateTimeOffset.FromUnixTimeMilliseconds(record.TimestampMs).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var key = record.Key.IsEmpty ? "-" : Encoding.UTF8.GetString(record.Key.Span);
        _output.WriteLine($"{time,-12} {topic,-18} {key,-8} " + string.Join(" ", values.Select((v, i) => v.PadRight(widths[i]))));
    }

    private static bool IsJson(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }
        var reader = new Utf8JsonReader(value);
        try
        {
            reader.Read();
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
