namespace Velostream.Engine.Connectors;

/// <summary>
/// A dead-letter sink that wants the failed record itself rather than the engine's JSON description
/// of it: Kafka keeps the original value and headers and puts the error into headers, so a dead
/// letter can be replayed as it was.
/// </summary>
public interface IDeadLetterSink : IRecordSink
{
    /// <param name="source">The source's name in the SQL.</param>
    /// <param name="errorType"><c>decode_error</c>, <c>evaluation_error</c> or <c>late_record</c>.</param>
    void WriteDeadLetter(in SourceRecord record, string source, string errorType, string reason);
}
