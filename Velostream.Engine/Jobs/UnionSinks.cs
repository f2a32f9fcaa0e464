using Velostream.Engine.Connectors;
using Velostream.Engine.Sql.Configuration;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Jobs;

/// <summary>
/// The sinks the SELECTs of one UNION ALL share: the statement's file or standard output, and a file of
/// dead letters. Kafka sinks and dead-letter topics are each SELECT's own (see <see cref="SharedSink"/>).
/// </summary>
internal sealed class UnionSinks : IAsyncDisposable
{
    private readonly SharedSink _output = new();
    private readonly SharedSink _deadLetters = new();

    public IRecordSink Output(BoundStatement select, Func<IRecordSink> create) =>
        select.Sink?.Type.Name == ConnectorCatalog.KafkaSink ? create() : _output.Open(create);

    public IRecordSink? DeadLetters(BoundStatement select, Func<IRecordSink?> create)
    {
        if (select.Settings.DeadLetterPath is null) return create();
        return _deadLetters.Open(() => create() ?? throw new ConnectorException(JobPreflight.NoDeadLetterDestination(select.Statement.JobName)));
    }

    /// <summary>Closes the shared files; called once every SELECT of the union has ended.</summary>
    public async ValueTask DisposeAsync()
    {
        await _output.DisposeAsync().ConfigureAwait(false);
        await _deadLetters.DisposeAsync().ConfigureAwait(false);
    }
}
