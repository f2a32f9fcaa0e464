using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Formats;

/// <summary>Turns one output row (values in SELECT order) into the bytes a sink writes.</summary>
internal interface IRecordEncoder
{
    /// <summary>Encodes a row into a reused buffer: the span is valid until the next call.</summary>
    ReadOnlySpan<byte> Encode(ReadOnlySpan<SqlValue> row);
}
