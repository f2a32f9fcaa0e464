using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Velostream.Engine.Connectors;

namespace Velostream.Engine.Execution.Formats.DeadLetters;

/// <summary>
/// One dead-letter line per failed or late record:
/// <c>{"job":…,"source":…,"line":N,"error_type":…,"reason":…,"record":"&lt;original text&gt;"}</c>
/// (<c>topic</c>/<c>partition</c>/<c>offset</c> instead of <c>line</c> for non-file sources).
/// </summary>
internal sealed class DeadLetterEncoder(string job)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer = new(new ArrayBufferWriter<byte>(), new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public ReadOnlySpan<byte> Encode(string source, bool isFile, in SourceRecord record, string errorType, string reason)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteString("job"u8, job);
        _writer.WriteString("source"u8, source);
        if (isFile)
        {
            _writer.WriteNumber("line"u8, record.Offset);
        }
        else
        {
            _writer.WriteString("topic"u8, record.Topic);
            _writer.WriteNumber("partition"u8, record.Partition);
            _writer.WriteNumber("offset"u8, record.Offset);
        }
        _writer.WriteString("error_type"u8, errorType);
        _writer.WriteString("reason"u8, reason);
        if (System.Text.Unicode.Utf8.IsValid(record.Value.Span))
        {
            _writer.WriteString("record"u8, record.Value.Span);
        }
        else
        {
            _writer.WriteBase64String("record_base64"u8, record.Value.Span);
        }
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }
}
