using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Jobs;
using static Velostream.Tests.Connectors.Kafka.KafkaTestTopics;

namespace Velostream.Tests.Connectors.Kafka;

/// <summary>
/// Jobs with <c>'use_transactions' = 'true'</c> on the embedded broker: outputs and dead letters go
/// through the job's one transactional producer and every commit ends in a marker; a fenced producer
/// and a refused offset commit fail the job instead of passing silently. (What the mock cluster cannot
/// show, hiding aborted records and storing a transaction's offsets, is in EmbeddedKafkaTransactionsTests.)
/// </summary>
public sealed class KafkaTransactionJobTests : IDisposable
{
    private const short TxnOffsetCommitApi = 28;
    private const short EndTxnApi = 26;
    private const int ProducerFenced = 90;
    private const int GroupAuthorizationFailed = 30;

    private readonly EmbeddedKafkaCluster _cluster = EmbeddedKafkaCluster.Start();

    public void Dispose() => _cluster.Dispose();

    private static string App(string transactions) => $"""
        -- @app: eos_test
        CREATE STREAM expensive AS
        SELECT symbol, price FROM md WHERE price > 200
        EMIT CHANGES
        WITH ('md.type' = 'kafka_source', 'md.topic.name' = 'md',
              'md.session.timeout.ms' = '1000', 'md.heartbeat.interval.ms' = '200',
              'expensive.type' = 'kafka_sink', 'expensive.topic.name' = 'expensive',
              'failure.strategy' = 'dead_letter'{transactions});
        """;

    private static IEnumerable<(string?, string, RecordHeaders?)> Quotes(int count) =>
        Enumerable.Range(0, count).Select(i => ((string?)$"S{i}", i % 5 == 4 ? "{not json" : $$"""{"symbol":"S{{i}}","price":{{(i % 2 == 0 ? 300 : 100) + i}}}""", (RecordHeaders?)null));

    /// <summary>Runs the job over 20 quotes until its 8 outputs (and the dead letters) can be read, then stops it.</summary>
    private async Task RunUntilOutputs(JobRunner job, int deadLetters = 0)
    {
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => job.RunAsync(stop.Token), TestContext.Current.CancellationToken);
        await ProduceAsync(_cluster, "md", Quotes(20));
        await ConsumeAsync(_cluster, "expensive", 8);
        if (deadLetters > 0) await ConsumeAsync(_cluster, "expensive-dlq", deadLetters);
        await stop.CancelAsync();
        Assert.Equal(JobState.Stopped, await running);
    }

    [Fact]
    public async Task Outputs_and_dead_letters_of_a_transactional_job_are_committed_in_transactions_ending_in_markers()
    {
        // 20 quotes: 4 do not parse (dead letters), 8 of the 16 others are over 200.
        await RunUntilOutputs(KafkaTestJobs.Create(_cluster, App(", 'use_transactions' = 'true'")), deadLetters: 4);

        var (outputs, outputEnd) = ReadPartition(_cluster, "expensive");
        var (deadLetters, deadLetterEnd) = ReadPartition(_cluster, "expensive-dlq");
        Assert.Equal(
            Enumerable.Range(0, 20).Where(i => i % 5 != 4 && i % 2 == 0).Select(i => $$"""{"symbol":"S{{i}}","price":{{300 + i}}}"""),
            outputs.Select(o => o.Value));
        Assert.Equal(4, deadLetters.Count);
        // The last offset of each topic is the marker of the transaction that committed its last records:
        // the dead letters went through the same transactional producer as the outputs.
        Assert.True(outputEnd > outputs[^1].Offset + 1, $"no marker after the outputs (end {outputEnd}, last record {outputs[^1].Offset})");
        Assert.True(deadLetterEnd > deadLetters[^1].Offset + 1, $"no marker after the dead letters (end {deadLetterEnd}, last record {deadLetters[^1].Offset})");
    }

    [Fact]
    public async Task Without_transactions_the_same_job_writes_no_markers()
    {
        await RunUntilOutputs(KafkaTestJobs.Create(_cluster, App("")));

        var (outputs, outputEnd) = ReadPartition(_cluster, "expensive");
        Assert.Equal((8, 8L), (outputs.Count, outputEnd));
    }

    [Fact]
    public async Task The_configured_default_makes_a_job_that_does_not_say_transactional()
    {
        await RunUntilOutputs(KafkaTestJobs.Create(_cluster, App(""), [new(KafkaTransactions.DefaultKey, "true")]));

        var (outputs, outputEnd) = ReadPartition(_cluster, "expensive");
        Assert.True(outputEnd > outputs[^1].Offset + 1, $"no marker after the outputs (end {outputEnd})");
    }

    [Theory]
    [InlineData(EndTxnApi, ProducerFenced, "was fenced")]
    [InlineData(TxnOffsetCommitApi, GroupAuthorizationFailed, "Kafka transaction aborted")]
    public async Task A_transaction_the_broker_refuses_fails_the_job_with_a_clear_error(short api, int error, string expected)
    {
        var job = KafkaTestJobs.Create(_cluster, App(", 'use_transactions' = 'true'"));
        _cluster.PushRequestErrors(api, error);
        var running = Task.Run(() => job.RunAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await ProduceAsync(_cluster, "md", Quotes(20));

        var finished = await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.Same(running, finished);
        Assert.Equal(JobState.Failed, await running);
        Assert.Contains(expected, job.Stats.LastError);
    }
}
