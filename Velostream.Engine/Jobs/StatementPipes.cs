using Velostream.Engine.Connectors;
using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Configuration;
using Velostream.Engine.Sql.Logical;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Jobs;

/// <summary>
/// How <c>run</c> and the job server pass one statement's output to another that reads it (a FROM/JOIN
/// name another statement creates, with no <c>'&lt;name&gt;.type'</c> of its own). A producer writing a Kafka
/// topic is read from that topic (same topic, format and cluster), so the two jobs stay independent;
/// any other producer (a file sink, standard output, no sink) passes its records in process
/// (<see cref="StatementPipe"/>), which also serves applications made only of files.
/// </summary>
internal sealed class StatementPipes
{
    /// <summary>The connector type of a source that reads another statement's output in process; not nameable in WITH.</summary>
    public static readonly ConnectorType Type = new("statement_output", ConnectorRole.Source, [], new Dictionary<string, IReadOnlyList<string>>(),
        "another statement's output, passed in process");

    private const string PipeKey = "pipe";
    private readonly List<(StatementPipe Pipe, StatementPipeSource Source)> _pipes = [];
    private readonly Dictionary<Statement, List<StatementPipe>> _byProducer = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The application's statements with every source that reads another statement's output given a
    /// connector: the producer's Kafka topic, else an in-process pipe of the returned <see cref="StatementPipes"/>.
    /// </summary>
    public static (IReadOnlyList<BoundStatement> Statements, StatementPipes Pipes) Connect(IReadOnlyList<BoundStatement> statements)
    {
        var pipes = new StatementPipes();
        var producers = statements.ToDictionary<BoundStatement, Statement, BoundStatement>(s => s.Statement, s => s, ReferenceEqualityComparer.Instance);
        var connected = statements.Select(statement =>
        {
            var selects = statement.Selects.Select(select => pipes.Connect(select, producers)).ToList();
            return selects[0] with { UnionBranches = selects.Skip(1).ToList() };
        }).ToList();
        return (connected, pipes);
    }

    private BoundStatement Connect(BoundStatement select, Dictionary<Statement, BoundStatement> producers)
    {
        if (select.Upstream.All(u => u is null)) return select;
        var configs = new List<EndpointConfig>();
        for (var i = 0; i < select.Sources.Count; i++)
        {
            var name = select.Sources[i].Name.Name;
            configs.Add(select.UpstreamOf(i) is { } statement && producers.TryGetValue(statement, out var producer)
                ? producer.Sink is { } sink && sink.Type.Name == ConnectorCatalog.KafkaSink ? KafkaTopicOf(name, sink) : PipeFrom(name, producer, producers)
                : select.ConfigOf(i)!);
        }
        return select with { SourceConfigs = configs, Upstream = [] };
    }

    // The producer's topic read as a source: its topic, format and cluster, not its producer settings.
    private static EndpointConfig KafkaTopicOf(string name, EndpointConfig sink) =>
        new(name, ConnectorCatalog.Find(ConnectorCatalog.KafkaSource)!,
            [.. sink.Properties.Where(p => p.Key is "topic" or "topic.name" or "format" or "value.format" or "partitions" or "topic.partitions" or "bootstrap.servers"
                || p.Key.StartsWith("security.", StringComparison.Ordinal) || p.Key.StartsWith("sasl.", StringComparison.Ordinal) || p.Key.StartsWith("ssl.", StringComparison.Ordinal)),
             .. sink.Get("topic") is null && sink.Get("topic.name") is null ? [new Property("topic.name", sink.Name, default, default)] : Array.Empty<Property>()]);

    private EndpointConfig PipeFrom(string name, BoundStatement producer, Dictionary<Statement, BoundStatement> producers)
    {
        // An aggregate without a window writes a table: each row replaces the earlier row of its key.
        var table = producer.IsAggregating && producer.Statement.Query.Window is null && producer.UnionBranches.Count == 0;
        var pipe = new StatementPipe(producer.Statement.Target?.Name ?? name, table, producer.Selects.Count);
        var format = ConnectorCatalog.ParseFormat(producer.Sink?.Get("format"));
        var bounded = Bounded(producer, producers, []);
        var columns = format == PayloadFormat.Csv ? LogicalPlanner.Plan(producer).Plan?.OutputColumns : null;
        var id = _pipes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _pipes.Add((pipe, new StatementPipeSource(name, pipe, bounded, format, columns)));
        if (!_byProducer.TryGetValue(producer.Statement, out var list)) _byProducer[producer.Statement] = list = [];
        list.Add(pipe);
        return new EndpointConfig(name, Type, [new Property(PipeKey, id, default, default)]);
    }

    // Whether a statement's output ends: every source is a file, or the in-process output of a statement
    // whose output ends (a cycle, which never ends, is not).
    private static bool Bounded(BoundStatement statement, Dictionary<Statement, BoundStatement> producers, HashSet<Statement> visiting)
    {
        if (!visiting.Add(statement.Statement)) return false;
        var bounded = statement.Selects.All(select => Enumerable.Range(0, select.Sources.Count).All(i =>
            select.UpstreamOf(i) is { } upstream
                ? producers.TryGetValue(upstream, out var producer) && producer.Sink?.Type.Name != ConnectorCatalog.KafkaSink && Bounded(producer, producers, visiting)
                : select.ConfigOf(i) is { } config && (ConnectorCatalog.IsFileSource(config.Type.Name) || config.Type == ConnectorCatalog.OneRow)));
        visiting.Remove(statement.Statement);
        return bounded;
    }

    /// <summary>The source of a connector of type <see cref="Type"/>.</summary>
    public IRecordSource Open(EndpointConfig config) =>
        _pipes[int.Parse(config.Get(PipeKey)!, System.Globalization.CultureInfo.InvariantCulture)].Source;

    /// <summary><paramref name="sink"/>, also passing its records to the statements reading <paramref name="producer"/>'s output, if any.</summary>
    public IRecordSink Tee(Statement producer, IRecordSink sink) =>
        _byProducer.TryGetValue(Top(producer), out var pipes) ? new StatementPipeTee(sink, pipes) : sink;

    /// <summary>A SELECT of <paramref name="producer"/> has ended (failed when <paramref name="failure"/> is set): its readers' input ends once all have.</summary>
    public void Done(Statement producer, string? failure)
    {
        if (!_byProducer.TryGetValue(Top(producer), out var pipes)) return;
        foreach (var pipe in pipes) pipe.WriterDone(failure);
    }

    // A UNION ALL branch's statement is the producer's with another query: found by its target.
    private Statement Top(Statement statement) =>
        _byProducer.Keys.FirstOrDefault(s => ReferenceEquals(s, statement) || (s.Target is not null && ReferenceEquals(s.Target, statement.Target))) ?? statement;
}
