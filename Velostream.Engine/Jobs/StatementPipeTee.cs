using Velostream.Engine.Connectors;

namespace Velostream.Engine.Jobs;

/// <summary>
/// A producing statement's sink that also passes every record to the statements reading its output
/// (<see cref="StatementPipe"/>). The job ends the pipes itself (<see cref="StatementPipes.Done"/>), sink or not.
/// </summary>
internal sealed class StatementPipeTee(IRecordSink sink, IReadOnlyList<StatementPipe> pipes) : IRecordSink
{
    public string Name => sink.Name;

    public long Unacknowledged => sink.Unacknowledged;

    public void Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, RecordHeaders? headers, long timestampMs)
    {
        sink.Write(key, value, headers, timestampMs);
        foreach (var pipe in pipes) pipe.Write(key, value, headers, timestampMs);
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => sink.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => sink.DisposeAsync();
}
